import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluatePart } from '../../scripts/news-eval.ts';

// Keeps the levels on the news set (other crises, written after real coverage) from regressing; `npm run eval`
// prints every miss. Floors sit just under the levels measured when they were last raised (see NOTES.md).
// (Lowered when unseen stories joined the set, each split on arrival: the set got harder, not the rules worse. On
// fifteen → eighteen stories the code of the fifth session's start scores dev 0.658 → 0.622, test 0.458 → 0.442; on
// eighteen → twenty-one (Cuba 2021, Iran 2019, Panama 2023, scored 0.533 whole on arrival) the seventh session's code
// scores dev 0.752 → 0.742, test 0.462 → 0.455, test series 65/106 → 70/121; on twenty-one → twenty-three (Argentina
// 2001 and Egypt 2013, 0.302 and 0.250 whole on arrival) dev 0.746 → 0.705, test 0.460 → 0.442; eighth session, on
// twenty-three → twenty-four (Venezuela 2014, 0.361 whole on arrival) dev 0.723 → 0.706, dev series 142/172 → 145/177,
// dev Date-F1 0.776 → 0.768, test 0.451 → 0.454; twenty-four → twenty-six (Colombia 2019 and Iraq 2019, 0.505 and
// 0.500 whole on arrival) dev 0.706 → 0.692, dev series 145/177 → 149/187, test 0.454 → 0.459, test Date-F1 0.703 → 0.693;
// twenty-six → twenty-eight (Hong Kong 2019 and Bolivia 2003, 0.552 and 0.377 whole on arrival) dev 0.709 → 0.703, test
// 0.459 → 0.454, test Date-F1 0.693 → 0.690; thirteenth session, twenty-eight → thirty-one (Uganda 2020, Chad 2022 and
// Senegal 2021: 0.426, 0.212 and 0.526, together 0.330, whole on arrival) dev 0.751 → 0.725, dev series 165/192 →
// 174/218, dev Date-F1 0.778 → 0.770, test 0.473 → 0.464, test series 85/138 → 89/150, test Date-F1 0.693 → 0.687;
// sixteenth session, thirty-one → thirty-five (Nepal 2025, Ukraine 2014, South Africa 2021, Haiti 2019: 0.42, 0.29, 0.56,
// 0.33, together 0.413 and Spanish 0.270, whole on arrival) dev 0.737 → 0.704, dev Spanish 0.746 → 0.704, dev series
// 179/218 → 190/236, dev Date-F1 0.770 → 0.763, headlines 18/31 → 21/35, test 0.468 → 0.462, test series 92/150 →
// 98/161; seventeenth session, thirty-five → thirty-nine (Colombia 2020, Belarus 2020, Zimbabwe 2019, Pakistan 2023:
// 0.54, 0.34, 0.49, 0.33, together 0.447 and Spanish 0.506, whole on arrival, the same with the session's first code)
// dev 0.722 → 0.710, dev Spanish 0.714 → 0.702, dev series 190/236 → 204/256, dev Date-F1 0.763 → 0.756, headlines
// 22/35 → 23/39, test 0.465 → 0.456, test Spanish 0.434 → 0.431, test series 98/161 → 104/170, test Date-F1 0.687 →
// 0.679, headlines 22/35 → 24/39; eighteenth session, thirty-nine → forty-three (Bagua 2009, Nochixtlán 2016, Thailand
// 2010, Eswatini 2021: 0.25, 0.27, 0.52, 0.43, together 0.373, Spanish 0.368, whole on arrival) dev 0.715 → 0.691, dev
// Spanish 0.706 → 0.679, dev series 207/256 → 215/279, dev Date-F1 0.756 → 0.748, test 0.465 → 0.457, test Spanish
// 0.441 → 0.432, test series 107/170 → 113/183, test Date-F1 0.689 → 0.694, headlines dev 23/39 → 23/43, test 25/39 → 26/43;
// nineteenth session, the same set: dev 0.695 → 0.702, dev series 215/279 → 216/279, headlines 23/43 → 24/43, test unchanged;
// twentieth session: dev 0.702 → 0.709, dev Spanish 0.683 → 0.691, dev series 216/279 → 218/279, dev Date-F1 0.748 →
// 0.753, test 0.457 → 0.464, test Spanish 0.433 → 0.442, test Date-F1 0.694 → 0.688; twenty-first session: dev 0.709 →
// 0.718, dev Spanish 0.691 → 0.697, test 0.464 → 0.465, test Spanish 0.442 → 0.444; twenty-second session, forty-three →
// forty-six (Oaxaca 2006, Ethiopia 2016, Togo 2025: 0.39, 0.47, 0.45, together 0.439 and Spanish 0.409, whole on arrival)
// with the session's first code dev 0.719 → 0.704, dev Spanish 0.697 → 0.683, dev series 219/279 → 228/296, headlines
// 24/43 → 26/46, test 0.465 → 0.465, test Spanish 0.444 → 0.441, test series 113/183 → 122/195, headlines 26/43 → 29/46;
// the same session, forty-six → forty-nine (Tunisia 2011, Sierra Leone 2022, Bolivia 2008: 0.40, 0.37, 0.29 whole on
// arrival) with the session's first code dev 0.704 → 0.683, dev Spanish 0.683 → 0.666, dev series 228/296 → 243/325,
// headlines 26/46 → 28/49, test 0.465 → 0.465, test Spanish 0.441 → 0.439, test series 122/195 → 127/208, headlines
// 29/46 → 31/49; at the session's end dev 0.691, test 0.465; twenty-third session, forty-nine → fifty-three (Indonesia
// 2025, Turkey 2013, Madagascar 2025, Guinea 2019: 0.70, 0.53, 0.71, 0.33 whole on arrival, after the session's first
// rules) dev 0.691 → 0.686, dev Spanish 0.669 → 0.663, dev series 250/325 → 261/340, headlines 31/49 → 33/53, test 0.469
// → 0.472, test Spanish 0.437 → 0.438, test series 128/208 → 137/222, headlines 32/49 → 34/53.)
const FLOORS = {
  dev: { f1: 0.68, es: 0.655, series: 0.755, dates: 0.74, headlines: 30 },
  test: { f1: 0.46, es: 0.43, series: 0.605, dates: 0.69, headlines: 31 },
} as const;

for (const part of ['dev', 'test'] as const) {
  test(`news ${part} part: figures, series and timeline stay at their level`, async () => {
    const result = await evaluatePart(part);
    const floor = FLOORS[part];
    const expected = result.series.reduce((n, s) => n + s.expected, 0);
    const found = result.series.reduce((n, s) => n + s.found, 0);
    assert.ok(result.figures.overall.f1 >= floor.f1, `exact-match F1 ${result.figures.overall.f1.toFixed(3)}`);
    assert.ok(result.byLanguage.es!.f1 >= floor.es, `Spanish F1 ${result.byLanguage.es!.f1.toFixed(3)}`);
    assert.ok(found / expected >= floor.series, `series recall ${found}/${expected}`);
    assert.ok(result.timeline.score.f1 >= floor.dates, `timeline Date-F1 ${result.timeline.score.f1.toFixed(3)}`);
    // (the stories whose /deaths heads with the toll the gold ends its series on)
    const headlines = result.series.filter((s) => s.headline).length;
    assert.ok(headlines >= floor.headlines, `headline toll right in ${headlines}/${result.series.length} stories`);
  });
}
