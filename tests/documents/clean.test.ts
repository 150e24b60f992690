import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanText } from '../../src/documents/clean.ts';

const STORY_EN = 'Security forces killed 17 people in Juliaca on Monday, the deadliest day since the protests began in December.';
const STORY_ES = 'Las fuerzas de seguridad mataron a 17 personas en Juliaca el lunes, el día más mortífero desde que comenzaron las protestas.';

describe('cleanText', () => {
  it('removes page furniture around an English story and keeps its paragraphs', () => {
    const page = [
      'Skip to main content',
      'Home | World | Americas | Politics | Opinion',
      'News › Americas › Peru',
      'Menu',
      '',
      STORY_EN,
      '',
      'Photo: AP',
      'Share this:',
      'Twitter',
      'Facebook',
      'Click to share on WhatsApp (Opens in new window)',
      '',
      'Read also: Peru declares state of emergency',
      '',
      'The health ministry said 68 more were injured.   Hospitals in Puno asked for blood donors.',
      '',
      'Tags: Peru, Protests',
      'Like this:',
      'Like Loading...',
      '',
      'Leave a Reply',
      'Your email address will not be published.',
      'Great reporting!',
    ].join('\n');
    assert.equal(cleanText(page), `${STORY_EN}\n\nThe health ministry said 68 more were injured. Hospitals in Puno asked for blood donors.`);
  });

  it('removes Spanish furniture: Compartir, Lee también (with its linked headline), Suscríbete, Comentarios', () => {
    const page = [
      'Ir al contenido',
      'Inicio',
      STORY_ES,
      '',
      'LEE TAMBIÉN',
      'Boluarte pide perdón a las familias de los fallecidos',
      '',
      'El gobierno decretó un toque de queda nocturno de tres días en la región de Puno.',
      '',
      'Compartir en Facebook',
      'Suscríbete a nuestro boletín diario',
      'Foto: EFE',
      'Comentarios',
      'Qué vergüenza, esto tiene que parar ya.',
    ].join('\n');
    assert.equal(cleanText(page), `${STORY_ES}\n\nEl gobierno decretó un toque de queda nocturno de tres días en la región de Puno.`);
  });

  it('drops a donation banner together with the appeal paragraphs under it, and nothing after them', () => {
    const page = [
      STORY_EN,
      '',
      'Support Independent Journalism',
      '',
      'We rely on readers like you. Donate today to keep our reporters in the field.',
      '',
      'Officials said an investigation had been opened into the killings.',
    ].join('\n');
    assert.equal(cleanText(page), `${STORY_EN}\n\nOfficials said an investigation had been opened into the killings.`);
  });

  it('keeps the story paragraph right after a mid-article newsletter line', () => {
    const text = `${STORY_EN}\n\nSubscribe to our newsletter\n\nThe US has expressed support for the government in Lima.`;
    assert.equal(cleanText(text), `${STORY_EN}\n\nThe US has expressed support for the government in Lima.`);
  });

  it('keeps story sentences that mention comments, donations or sharing', () => {
    const story = [
      STORY_EN,
      '',
      'The minister declined to comment on the share of deaths attributed to the army.',
      '',
      'Donations of food and blood arrived from Cusco and Arequipa.',
    ].join('\n');
    assert.equal(cleanText(story), story);
  });

  it('does not treat a "Comments" menu item at the top as the start of a thread', () => {
    assert.equal(cleanText(`Comments\n\n${STORY_EN}`), STORY_EN);
  });

  it('cuts at a vote widget and at "N thoughts on" comment headings', () => {
    assert.equal(cleanText(`${STORY_EN}\n\n16 users have voted.\n\nLeft-wing leader is kicked out again.`), STORY_EN);
    assert.equal(cleanText(`${STORY_EN}\n\n4 thoughts on “Massacre in Juliaca”\n\nJohn says: terrible.`), STORY_EN);
  });

  it('keeps blog post trailers only when asked', () => {
    const text = `${STORY_EN}\n\nJanuary 11, 2023 Posted by | Civil Liberties | , , | Leave a comment`;
    assert.equal(cleanText(text), STORY_EN);
    assert.equal(cleanText(text, { keepTrailers: true }), text);
  });

  it('decodes HTML entities and normalizes whitespace', () => {
    assert.equal(cleanText('Peru&#8217;s  Congress &amp; the\u00a0army\r\n\r\n\r\n\r\nSecond   paragraph.  '), 'Peru’s Congress & the army\n\nSecond paragraph.');
  });
});
