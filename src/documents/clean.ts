import { decodeHTML } from 'entities';
import { parseBylineLine, parseTrailerLine } from './byline.ts';
import { parseDateString } from './dates.ts';

/**
 * Boilerplate removal for scraped text: what a page wraps around its stories (navigation, share
 * widgets, newsletter and donation banners, photo credits, comment threads). The rules describe
 * kinds of lines, in English and Spanish, rather than the wording of particular sites.
 * No library does this on plain text (Readability needs the DOM), hence the patterns.
 */

export interface CleanOptions {
  /** Keep blog post trailers ("May 27, 2023 Posted by | … | Leave a comment") so the splitter can see post ends. */
  keepTrailers?: boolean;
}

/** Where a comment thread starts: everything from here on is readers, not the story. */
const COMMENT_SECTION = [
  /^(?:inline feedbacks|view all comments|show comments|load comments|comments are closed|los comentarios están cerrados)$/i,
  /^(?:leave a reply|deja una respuesta|dejar una respuesta|post a comment|add (?:a|your) comment|join the (?:discussion|conversation)|write a comment|escribe un comentario)\b/i,
  /^(?:\d+\s+)?(?:comments?|comentarios?)(?:\s*\(\d+\))?:?$/i,
  /^\d+ (?:thoughts? on|responses? to|replies to|comentarios? (?:en|sobre))\b/i,
  /\bcomments powered by disqus\b/i,
  // A vote widget ("16 users have voted.") sits under a post; what follows it is the thread.
  /^\d+ users? ha(?:ve|s) voted\.?$/i,
];

const SOCIAL =
  '(?:tweet|pin it|whatsapp|telegram|facebook|twitter|x|linkedin|reddit|pinterest|flipboard|messenger|email|e-mail|print|imprimir|correo|copy link|copiar enlace|share|compartir)';

/** Story characters needed before a comment heading counts as the thread (not a menu item). */
const MIN_STORY_BEFORE_COMMENTS = 100;

/** Whole lines that are page furniture. */
const FURNITURE = [
  /^(?:skip|jump) to (?:main )?(?:content|navigation|menu)$/i,
  /^(?:saltar|ir) al (?:contenido|menú)(?: principal)?$/i,
  /^(?:home|menu|main menu|search|search for:?|toggle navigation|navigation|open menu|close menu|close|inicio|menú|buscar|portada|secciones|sections|log ?in|sign in|sign up|register|iniciar sesión|registrarse|contact(?: us)?|contacto|about(?: us)?|quiénes somos|privacy policy|política de privacidad|terms of (?:use|service)|cookie policy|accept cookies|aceptar|back to top|volver arriba|advertisement|publicidad|sponsored|patrocinado|loading\.*|cargando\.*|print|imprimir|e-?mail|more|más|previous|next|anterior|siguiente)$/i,
  /^(?:previous|next|older|newer) (?:post|article|entry|posts|entries)\b/i,
  /^(?:artículo|entrada|nota) (?:anterior|siguiente)$/i,
  /^(?:[«‹←]\s+\S.{0,40}|[^«]{1,40}\S\s+[»›→])$/, // "« Previous post", "Next post »"
  /^(?:copyright\b|©|\(c\)\s).{0,150}$/i,
  /^.{0,150}\b(?:all rights reserved|todos los derechos reservados)\b.{0,40}$/i,
  /^(?:follow us|síguenos|siguenos|join us|únete|download (?:our|the) app|descarga (?:nuestra|la) app)\b.{0,80}$/i,
  /^(?:tags?|etiquetas|categor(?:y|ies|ías?)|filed under|posted in|archivado en|temas|topics)\s*:/i,
  // Share widgets: lines made only of share verbs and network names.
  new RegExp(`^(?:(?:share|compartir|comparte|comparta)(?: (?:this|on|en|esto|this article|this story|el artículo|la nota|via|vía))?\\s*:?\\s*)?${SOCIAL}?(?:[\\s,|·•]+${SOCIAL})*$`, 'i'),
  /^click to (?:share|print|email|tweet)\b.{0,80}$/i,
  /^(?:like this|me gusta esto|like loading\.*|cargando me gusta\.*):?$/i,
  // Media placeholders and credits.
  /^(?:video link|watch(?: the)? video|ver video|embedded video|audio player)$/i,
  /^(?:cover image|featured image|photo(?:graph)?s?|fotos?|fotografía|image|imagen|picture|credit|crédito|créditos|source image)(?:\s+credits?)?\s*:.{0,200}$/i,
  /\|\s*(?:photo|foto|image|imagen|credit|crédito)\s*:.{0,150}$/i,
  /^\(?(?:photo|foto) (?:by|de|courtesy of|cortesía de)\b.{0,150}$/i,
  // Comment furniture that can also show up outside the thread.
  /^.{1,60}['’]s picture$/i,
  /^\d+ users? ha(?:ve|s) voted\.?$/i,
  /^(?:\d+|an?|one) (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?) ago$/i,
  /^hace (?:\d+|un|una) (?:segundos?|minutos?|horas?|días?|semanas?|mes(?:es)?|años?)$/i,
  /^(?:reply|responder|report|reportar)(?: to\s+.{1,40})?$/i,
  /^in reply to\b.{0,60}$/i,
  /^(?:comments?|comentarios?|leave a comment|deja un comentario|\d+ comments?|\d+ comentarios?|no comments(?: yet)?|sin comentarios)$/i,
  /^(?:read more|leer más|continue reading|seguir leyendo|sigue leyendo)\b.{0,3}$/i,
];

/** "Lee también: …", "Read also: …", "Related": a pointer to another story, not part of this one. */
const SEE_ALSO =
  /^(?:(?:lee|lea|leer) (?:también|además)|(?:read|see) also|(?:también )?te (?:puede|podría) interesar|más información|related(?: (?:posts?|articles?|stories|news|coverage|reading))?|relacionad[oa]s?|noticias relacionadas|artículos relacionados|recommended(?: for you)?|recomendad[oa]s?|read more|more from [\w ]{1,30})\s*(?::|$)/i;
const SEE_ALSO_INLINE = /^(?:lee|lea|leer) (?:también|además)\b/i;

/** Newsletter, subscription and fundraising calls. Only short lines count: a story may mention donations. */
const BANNER = /\b(?:sign up (?:for|to)|subscribe|suscr[ií]b(?:e|ete|ase|irse)|newsletter|bolet[ií]n|daily digest|fundraising (?:campaign|drive|appeal)|donate|donations? (?:are|is|needed|welcome)|make a donation|haz una donación|dona ahora|donar|hazte (?:socio|miembro)|become a (?:member|patron|subscriber|supporter)|keep (?:independent )?(?:media|journalism) (?:alive|free|independent)|support (?:us|our work|independent (?:media|journalism))|apoya (?:nuestro|el periodismo)|patreon|paypal)\b/i;
/** A paragraph that continues a banner ("… your help is needed now to cover the monthly costs …"): appeal words addressed to the reader. */
// Case-sensitive so that "US" (the country) does not read as "us".
const ADDRESSED = /\b(?:[Yy]ou|[Yy]our|[Ww]e|[Oo]ur|us|[Tt]us?|[Uu]sted(?:es)?|[Nn]uestr[oa]s?|nos)\b/;
const CALL_TO_ACTION = /\b(?:sign up|subscribe|suscr[ií]b|newsletter|bolet[ií]n|digest|inbox|donat|dona(?:r|ción|ciones)|funds?|fundrais|your (?:help|support|contribution)|tu (?:ayuda|apoyo|aporte)|support|apoy[oa]|costs? of operating|too late|independent (?:media|journalism))\b/i;

/** A line of short items between separators: "Home | World | Politics | Sports", breadcrumbs "Home › World › Americas". */
function isMenuLine(line: string): boolean {
  const breadcrumb = /[»›]/.test(line);
  const items = line.split(/\s*[|•·»›]\s*/).filter(Boolean);
  if (items.length < (breadcrumb ? 3 : 4)) return false;
  // ("Ana Ruiz | El Diario | 12/11/2019 | 10:12": a byline of short fields, dated, is the page's own)
  const byline = parseBylineLine(line);
  if (byline?.published || byline?.readings) return false;
  return items.every((item) => item.split(/\s+/).length <= 4 && !parseDateString(item));
}

function normalize(text: string): string[] {
  let s = text.replace(/\r\n?/g, '\n').replace(/[\u00a0\u2007\u202f]/g, ' ').replace(/[\u200b-\u200d\ufeff]/g, '');
  if (/&(?:#\d+|#x[0-9a-f]+|[a-z]{2,8});/i.test(s)) s = decodeHTML(s);
  return s.split('\n').map((line) => line.replace(/[\t ]+/g, ' ').trim());
}

/** Lines back to text: one blank line between paragraphs, none at the ends. */
export function joinLines(lines: readonly string[]): string {
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** Remove what is not the story; keep the story's paragraphs (blank line between them). */
export function cleanText(text: string, opts: CleanOptions = {}): string {
  const lines = normalize(text);
  const out: string[] = [];
  let storyChars = 0;
  let inBanner = false;
  let dropNextHeadline = false;

  for (const raw of lines) {
    // Trailing "… Read more »" on a truncated comment or teaser.
    const line = raw.replace(/\s*(?:…|\.\.\.)?\s*(?:read more|leer más|continue reading|seguir leyendo)\s*[»›→]+$/i, '').trim();
    if (!line) {
      out.push('');
      continue;
    }
    // A comment heading right at the top is navigation, not the thread: require some story first.
    if (storyChars >= MIN_STORY_BEFORE_COMMENTS && COMMENT_SECTION.some((re) => re.test(line))) break;

    const trailer = parseTrailerLine(line);
    if (trailer) {
      if (opts.keepTrailers) out.push(line);
      inBanner = false;
      continue;
    }
    if (inBanner) {
      if ((CALL_TO_ACTION.test(line) && ADDRESSED.test(line)) || (line.length <= 120 && BANNER.test(line))) continue;
      inBanner = false;
    }
    if (line.length <= 120 && BANNER.test(line)) {
      inBanner = true;
      continue;
    }
    if (SEE_ALSO.test(line) || SEE_ALSO_INLINE.test(line)) {
      // A bare marker ("LEE TAMBIÉN") is followed by the linked headline on its own line.
      dropNextHeadline = line.split(/\s+/).length <= 4;
      continue;
    }
    if (dropNextHeadline) {
      dropNextHeadline = false;
      if (!/[.!?:;]["”’)]?$/.test(line) && line.length <= 200) continue;
    }
    if (FURNITURE.some((re) => re.test(line)) || isMenuLine(line)) continue;

    out.push(line);
    storyChars += line.length;
  }
  return joinLines(out);
}
