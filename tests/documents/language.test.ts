import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLanguage } from '../../src/documents/language.ts';

describe('detectLanguage', () => {
  it('gives ISO 639-1 codes', () => {
    assert.equal(detectLanguage('Thousands of Peruvians took to the streets on Tuesday to demand the resignation of President Dina Boluarte.'), 'en');
    assert.equal(detectLanguage('Miles de peruanos salieron a las calles el martes para exigir la renuncia de la presidenta Dina Boluarte.'), 'es');
    assert.equal(detectLanguage('Milhares de peruanos saíram às ruas na terça-feira para exigir a renúncia da presidente Dina Boluarte.'), 'pt');
    assert.equal(detectLanguage('Des milliers de Péruviens sont descendus dans la rue mardi pour exiger la démission de la présidente.'), 'fr');
  });

  it('returns null for text too short to tell', () => {
    assert.equal(detectLanguage('Peru protests'), null);
    assert.equal(detectLanguage(''), null);
    assert.equal(detectLanguage('12 345 678 — 2023-01-10 — 99 %'), null);
  });
});
