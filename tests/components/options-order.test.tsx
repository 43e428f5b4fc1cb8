// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TaskForm } from '../../src/app/components/TaskForm';
import { readdirSync, readFileSync } from 'node:fs';
import { displayOrder, taskBrief, validateScenario } from '../../src/engine';
import { renderUi } from '../helpers/render';

describe('the order a task\'s choices are shown in', () => {
  const scenarios = readdirSync('scenarios')
    .filter((f) => f.endsWith('.json') && f !== 'schema.json')
    .map((f) => {
      const v = validateScenario(JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')));
      if (!v.ok) throw new Error(f);
      return v.value;
    });

  it('tells nothing: in every shipped scenario, always picking the same place scores about what a guess does (at most 0.55)', () => {
    for (const s of scenarios) {
      const byPlace: number[][] = [];
      for (const t of s.tasks) if (t.kind === 'single') displayOrder(t.id, t.options).forEach((o, i) => (byPlace[i] ??= []).push(o.score));
      for (const [place, scores] of byPlace.entries()) expect(scores.reduce((a, b) => a + b, 0) / scores.length, `${s.id}, place ${place + 1}`).toBeLessThanOrEqual(0.55);
    }
  });

  it('is the same on every screen and every render, and the form shows it', () => {
    const s = scenarios[0];
    const task = s?.tasks.find((t) => t.kind === 'single');
    if (!s || !task || task.kind !== 'single') throw new Error('no single-choice task');
    const order = displayOrder(task.id, task.options).map((o) => o.label.en);
    expect(displayOrder(task.id, [...task.options].reverse()).map((o) => o.label.en)).toEqual(order);
    renderUi(<TaskForm task={taskBrief(task)} onSubmit={() => null} />);
    expect(within(screen.getByRole('group')).getAllByRole('radio').map((r) => r.closest('label')?.textContent)).toEqual(order);
  });
});
