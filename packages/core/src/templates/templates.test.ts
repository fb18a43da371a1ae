/** Templates: five scenarios, each with its own fishbone, the lessons-learned questions and a 90-minute agenda. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, readFishbone, readMeta } from '../board/doc.ts';
import { BOARD_TEMPLATES, REVIEW_AGENDA, templateById } from './templates.ts';

describe('board templates', () => {
  it('covers the five scenarios', () => {
    expect(BOARD_TEMPLATES.map((t) => t.id)).toEqual([
      'ransomware',
      'phishing',
      'cloud-misconfiguration',
      'insider-threat',
      'third-party-breach',
    ]);
  });

  it('each has a 90-minute agenda in the agreed order and lengths', () => {
    expect(REVIEW_AGENDA.map((a) => a.minutes)).toEqual([5, 20, 15, 15, 15, 10, 10]);
    for (const t of BOARD_TEMPLATES) {
      expect(
        t.agenda.reduce((s, a) => s + a.minutes, 0),
        t.id,
      ).toBe(90);
    }
  });

  it('each asks the NIST lessons-learned questions', () => {
    for (const t of BOARD_TEMPLATES) {
      const q = t.questions.join('\n');
      for (const topic of [
        /what happened.*times/i,
        /procedures/i,
        /information.*sooner/i,
        /hinder.*recovery/i,
        /differently/i,
        /precursors/i,
      ]) {
        expect(q, `${t.id} ${topic}`).toMatch(topic);
      }
    }
  });

  it('seeds its own categories with unique fixed ids, and two peers agree', () => {
    for (const t of BOARD_TEMPLATES) {
      expect(new Set(t.categories.map((c) => c.id)).size).toBe(t.categories.length);
      const a = new Y.Doc();
      const b = new Y.Doc();
      initBoard(a, { title: 'x', template: t.id }, undefined, t.categories);
      initBoard(b, { title: 'x', template: t.id }, undefined, t.categories);
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
      expect(readFishbone(a).categories).toEqual(t.categories);
      expect(readMeta(a).template).toBe(t.id);
    }
  });

  it('an unknown id falls back to the blank template', () => {
    expect(templateById('nope').id).toBe('');
    expect(templateById('phishing').name).toBe('Phishing campaign');
  });
});
