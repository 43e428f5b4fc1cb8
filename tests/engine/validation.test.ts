import { describe, expect, it } from 'vitest';
import { compileScenario, decodeJsonBytes, MAX_DEPTH, parseJsonText, validateScenario, type Issue } from '../../src/engine';
import { miniJson } from '../helpers/drill';

function issuesOf(edit: (s: Record<string, any>) => void): Issue[] {
  const result = validateScenario(miniJson(edit));
  if (result.ok) throw new Error('expected the scenario to be refused');
  return result.issues;
}

describe('scenario validation: shape', () => {
  it('accepts the mini scenario and applies defaults', () => {
    const result = validateScenario(miniJson());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.tasks.find((t) => t.id === 'alert')?.required).toBe(true);
  });

  it('names the JSON path of a missing field', () => {
    expect(issuesOf((s) => delete s.tasks[0].missedFeedback)).toContainEqual({ path: '$.tasks[0] (alert).missedFeedback', message: 'is missing' });
  });

  it('names a missing translation', () => {
    expect(issuesOf((s) => delete s.injects[1].content.en)).toContainEqual({ path: '$.injects[1] (secret-call).content.en', message: 'is missing' });
  });

  it('says what type was expected', () => {
    const [issue] = issuesOf((s) => (s.durationMinutes = 'forty'));
    expect(issue).toEqual({ path: '$.durationMinutes', message: 'should be a number, not the text "forty"' });
  });

  it('refuses unknown fields, including __proto__', () => {
    expect(issuesOf((s) => (s.roles[0].colour = 'red'))).toContainEqual({ path: '$.roles[0] (lobby)', message: 'unknown field "colour"' });
    const text = JSON.stringify(miniJson()).replace('"exit":', '"__proto__":{"polluted":true},"exit":');
    const result = validateScenario(JSON.parse(text));
    expect(result.ok ? [] : result.issues).toContainEqual({ path: '$.phases[0] (report)', message: 'unknown field "__proto__"' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses an unknown condition kind with a plain message', () => {
    const issues = issuesOf((s) => (s.phases[0].exit.when = { type: 'javascript', code: 'true' }));
    expect(issues).toContainEqual({ path: '$.phases[0] (report).exit.when.type', message: expect.stringMatching(/^"javascript" is not one of the known kinds: expected one of "all", "any", .*"rated", "time"$/) });
  });

  it('refuses a value outside an enum, listing the allowed ones', () => {
    const [issue] = issuesOf((s) => (s.injects[0].channel = 'fax'));
    expect(issue?.path).toBe('$.injects[0] (crowd).channel');
    expect(issue?.message).toContain('"fax" is not allowed');
    expect(issue?.message).toContain('"walk-in"');
  });

  it('needs 5 to 8 rubric criteria and exactly four phases', () => {
    expect(issuesOf((s) => (s.rubric = s.rubric.slice(0, 4)))[0]?.path).toBe('$.rubric');
    expect(issuesOf((s) => s.phases.pop())[0]?.path).toBe('$.phases');
  });
});

describe('scenario validation: references', () => {
  it('finds a role that does not exist', () => {
    expect(issuesOf((s) => (s.injects[1].to = ['head', 'ghost']))).toEqual([
      { path: '$.injects[1] (secret-call).to[1]', message: '"ghost" is not a role of this scenario' },
    ]);
  });

  it('refuses tasks for simulated roles', () => {
    expect(issuesOf((s) => (s.tasks[0].roles = ['customers']))).toEqual([
      { path: '$.tasks[0] (alert).roles[0]', message: '"customers" is a simulated role; only player roles take tasks' },
    ]);
  });

  it('checks options, variables, flags and injects named in conditions and effects', () => {
    const issues = issuesOf((s) => {
      s.phases[0].exit.when = { type: 'chose', task: 'alert', option: 'shout' };
      s.tasks[0].options[0].effects = [{ type: 'add', var: 'temperature', value: 1 }, { type: 'fire', inject: 'nowhere' }];
      s.injects[3].trigger.when = { type: 'flag', flag: 'unknown-flag' };
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: '$.phases[0] (report).exit.when.option', message: '"shout" is not an option of task "alert"' },
        { path: '$.tasks[0] (alert).options[0] (now).effects[0].var', message: '"temperature" is not a variable of this scenario' },
        { path: '$.tasks[0] (alert).options[0] (now).effects[1].inject', message: '"nowhere" is not an inject of this scenario' },
        { path: '$.injects[3] (calm).trigger.when.flag', message: '"unknown-flag" is not a flag of this scenario' },
      ]),
    );
  });

  it('refuses a contingency on a task without a deadline', () => {
    expect(issuesOf((s) => (s.injects[2].trigger.task = 'statement'))).toEqual([
      { path: '$.injects[2] (filming).trigger.task', message: 'task "statement" has no deadline, so it can never be missed' },
    ]);
  });

  it('refuses duplicate ids, pointing at the first', () => {
    expect(issuesOf((s) => (s.tasks[1].id = 'alert'))).toContainEqual({ path: '$.tasks[1] (alert).id', message: 'task "alert" is defined twice (first at $.tasks[0])' });
  });

  it('refuses phases out of order and reserved role ids', () => {
    expect(issuesOf((s) => ([s.phases[0].id, s.phases[1].id] = ['assess', 'report']))).toContainEqual({
      path: '$.phases[0] (assess).id',
      message: 'must be "report": the phases run report → assess → escalate → resolve, in that order',
    });
    expect(issuesOf((s) => (s.roles[2].id = 'system'))[0]?.message).toContain('reserved');
  });

  it('refuses injects that trigger each other in a cycle', () => {
    const issues = issuesOf((s) => {
      s.injects[4].effects = [{ type: 'fire', inject: 'late-check' }];
      s.injects[5].trigger = { type: 'condition', when: { type: 'fired', inject: 'reporter' } };
      s.injects[5].effects = [{ type: 'fire', inject: 'reporter' }];
    });
    expect(issues[0]?.message).toMatch(/injects trigger each other in a cycle: (reporter → late-check → reporter|late-check → reporter → late-check)/);
  });

  it('refuses a phase that can never be reached', () => {
    expect(issuesOf((s) => (s.phases[0].exit.when = { type: 'all', of: [{ type: 'done', task: 'alert' }, { type: 'done', task: 'records' }] }))).toEqual([
      {
        path: '$.phases[0] (report).exit.when',
        message: 'phase "assess" can never be reached: the exit rule of "report" needs task "records", which can only happen in "resolve"',
      },
    ]);
  });

  it('builds the machine as the third step', () => {
    const result = compileScenario(miniJson());
    expect(result.ok && result.value.machine.id).toBe('drill');
  });
});

describe('reading JSON bytes', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  const message = (r: ReturnType<typeof decodeJsonBytes>) => (r.ok ? 'ok' : r.message);

  it('explains each way a file can be unreadable', () => {
    expect(message(decodeJsonBytes(new Uint8Array()))).toBe('the file is empty');
    expect(message(decodeJsonBytes(bytes('  \n')))).toBe('the file is empty');
    expect(message(decodeJsonBytes(new Uint8Array([0xff, 0xfe, 0x7b, 0x00])))).toBe('the file is UTF-16 text; save it as UTF-8');
    expect(message(decodeJsonBytes(new Uint8Array([0x7b, 0x00, 0x7d, 0x00])))).toBe('the file is UTF-16 text; save it as UTF-8');
    expect(message(decodeJsonBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02])))).toBe('the file is binary, not JSON text');
    expect(message(decodeJsonBytes(new Uint8Array([0x7b, 0xc4, 0xe3, 0x7d])))).toMatch(/not valid UTF-8/);
    expect(message(decodeJsonBytes(new Uint8Array(101), 100))).toBe('the file is too large (0.0 MiB; the limit is 0.0 MiB)');
    expect(message(decodeJsonBytes(bytes('{"a": 1,\n "b": }')))).toBe('not valid JSON: value expected at line 2, column 7');
  });

  it('refuses deep nesting before parsing, and accepts a UTF-8 byte-order mark', () => {
    expect(message(decodeJsonBytes(bytes('['.repeat(100_000) + ']'.repeat(100_000))))).toBe(`the JSON is nested 100000 levels deep; the limit is ${MAX_DEPTH}`);
    expect(parseJsonText('\ufeff{"a": "[[[["}')).toEqual({ ok: true, value: { a: '[[[[' } });
  });
});

describe('validation messages name what they are about', () => {
  it('paths name the id of each element they pass through', () => {
    expect(issuesOf((s) => (s.tasks[1].options[1].kind = 'x'))).toContainEqual({ path: '$.tasks[1] (assess-level).options[1] (media)', message: 'unknown field "kind"' });
  });

  it('an unknown type or kind lists the allowed ones', () => {
    expect(issuesOf((s) => (s.tasks[1].kind = 'essay'))).toContainEqual({
      path: '$.tasks[1] (assess-level).kind',
      message: '"essay" is not one of the known kinds: expected one of "single", "multiple", "checklist", "text"',
    });
    expect(issuesOf((s) => (s.injects[2].trigger = { type: 'later' })))
      .toContainEqual({ path: '$.injects[2] (filming).trigger.type', message: '"later" is not one of the known kinds: expected one of "time", "condition", "missed", "manual"' });
  });

  it('limits say the limit in words', () => {
    expect(issuesOf((s) => (s.rubric = s.rubric.slice(0, 2)))).toEqual([{ path: '$.rubric', message: 'must have at least 5 items (it has 2)' }]);
    expect(issuesOf((s) => (s.phases = s.phases.slice(0, 3)))).toEqual([{ path: '$.phases', message: 'must have exactly 4 items (it has 3)' }]);
    expect(issuesOf((s) => (s.durationMinutes = 2.5))).toEqual([{ path: '$.durationMinutes', message: 'must be a whole number' }]);
    expect(issuesOf((s) => (s.tasks[0].weight = 0))).toEqual([{ path: '$.tasks[0] (alert).weight', message: 'must be more than 0' }]);
    expect(issuesOf((s) => (s.title.en = 'x'.repeat(4001)))).toEqual([{ path: '$.title.en', message: 'may have at most 4000 characters (it has 4001)' }]);
  });

  it("a value of none of a field's forms lists the forms", () => {
    expect(issuesOf((s) => (s.tasks[0].deadline = 'soon'))).toEqual([
      { path: '$.tasks[0] (alert).deadline', message: '"soon" is none of the forms allowed here: a number, {"param"}, {"by"}, {"within", "from"}' },
    ]);
  });
});
