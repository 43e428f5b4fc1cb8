/**
 * Step two of validation: everything a scenario names must exist, injects may not
 * trigger each other in a cycle, and every phase must be reachable.
 */
import type { Condition, Effect, Measure, Scenario, Trigger } from './schema';
import { CURRENT_FORMAT, PHASES, RESERVED_ACTORS } from './constants';

export type Issue = { path: string; message: string };

export function checkReferences(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  const report = (path: string, message: string) => issues.push({ path, message });

  const roles = new Map(s.roles.map((r) => [r.id, r]));
  const vars = new Set(s.variables.map((v) => v.id));
  const flags = new Set(s.flags.map((f) => f.id));
  const injects = new Map(s.injects.map((i) => [i.id, i]));
  const tasks = new Map(s.tasks.map((t) => [t.id, t]));

  unique(s.roles, '$.roles', 'role', report);
  unique(s.variables, '$.variables', 'variable', report);
  unique(s.flags, '$.flags', 'flag', report);
  unique(s.injects, '$.injects', 'inject', report);
  unique(s.tasks, '$.tasks', 'task', report);
  unique(s.rubric, '$.rubric', 'criterion', report);
  unique(s.parameters, '$.parameters', 'parameter', report);

  s.parameters.forEach((p, i) => {
    if (p.min !== undefined && p.max !== undefined && p.min > p.max) report(`$.parameters[${i}]`, `min (${p.min}) is greater than max (${p.max})`);
    else if ((p.min !== undefined && p.value < p.min) || (p.max !== undefined && p.value > p.max)) report(`$.parameters[${i}].value`, `${p.value} is outside min ${p.min ?? '…'} … max ${p.max ?? '…'}`);
  });
  checkParamsAndPlaceholders(s, report);
  const newer = format2Feature(s);
  if (newer && s.format !== CURRENT_FORMAT) report('$.format', `${newer.what} (at ${newer.path}) is part of format ${CURRENT_FORMAT}: add "format": ${CURRENT_FORMAT} at the top of the file`);

  s.phases.forEach((p, i) => {
    if (p.id !== PHASES[i]) report(`$.phases[${i}].id`, `must be "${PHASES[i]}": the phases run report → assess → escalate → resolve, in that order`);
  });
  s.roles.forEach((r, i) => {
    if (RESERVED_ACTORS.includes(r.id)) report(`$.roles[${i}].id`, `"${r.id}" is reserved for the drill's host; choose another id`);
  });
  if (!s.roles.some((r) => r.kind === 'player')) report('$.roles', 'needs at least one role of kind "player"');

  s.variables.forEach((v, i) => {
    if (v.min > v.max) report(`$.variables[${i}]`, `min (${v.min}) is greater than max (${v.max})`);
    else if (v.initial < v.min || v.initial > v.max) report(`$.variables[${i}].initial`, `${v.initial} is outside min ${v.min} … max ${v.max}`);
  });

  const checkRole = (path: string, roleId: string) => {
    if (!roles.has(roleId)) report(path, `"${roleId}" is not a role of this scenario`);
  };
  const checkCondition = (path: string, c: Condition): void => {
    switch (c.type) {
      case 'all':
      case 'any':
        c.of.forEach((sub, i) => checkCondition(`${path}.of[${i}]`, sub));
        return;
      case 'not':
        checkCondition(`${path}.of`, c.of);
        return;
      case 'var':
        if (!vars.has(c.var)) report(`${path}.var`, `"${c.var}" is not a variable of this scenario`);
        return;
      case 'flag':
        if (!flags.has(c.flag)) report(`${path}.flag`, `"${c.flag}" is not a flag of this scenario`);
        return;
      case 'done':
        if (!tasks.has(c.task)) report(`${path}.task`, `"${c.task}" is not a task of this scenario`);
        return;
      case 'on-time': {
        const t = tasks.get(c.task);
        if (!t) report(`${path}.task`, `"${c.task}" is not a task of this scenario`);
        else if (t.deadline === undefined) report(`${path}.task`, `task "${c.task}" has no deadline, so it cannot be on time`);
        return;
      }
      case 'chose': {
        const t = tasks.get(c.task);
        if (!t) report(`${path}.task`, `"${c.task}" is not a task of this scenario`);
        else if (t.kind !== 'single' && t.kind !== 'multiple') report(`${path}.task`, `task "${c.task}" is a ${t.kind} task and has no options`);
        else if (!t.options.some((o) => o.id === c.option)) report(`${path}.option`, `"${c.option}" is not an option of task "${c.task}"`);
        return;
      }
      case 'fired':
        if (!injects.has(c.inject)) report(`${path}.inject`, `"${c.inject}" is not an inject of this scenario`);
        return;
      case 'rated': {
        const t = tasks.get(c.task);
        if (!t) report(`${path}.task`, `"${c.task}" is not a task of this scenario`);
        else if (t.kind !== 'text') report(`${path}.task`, `task "${c.task}" is a ${t.kind} task; only free-text answers are rated`);
        return;
      }
      case 'phase':
      case 'time':
        return;
    }
  };
  const checkEffects = (path: string, effects: Effect[]) =>
    effects.forEach((e, i) => {
      const at = `${path}[${i}]`;
      if ((e.type === 'add' || e.type === 'set') && !vars.has(e.var)) report(`${at}.var`, `"${e.var}" is not a variable of this scenario`);
      if (e.type === 'flag' && !flags.has(e.flag)) report(`${at}.flag`, `"${e.flag}" is not a flag of this scenario`);
      if ((e.type === 'fire' || e.type === 'cancel') && !injects.has(e.inject)) report(`${at}.inject`, `"${e.inject}" is not an inject of this scenario`);
    });
  const checkTrigger = (path: string, t: Trigger) => {
    if (t.type === 'condition') checkCondition(`${path}.when`, t.when);
    if (t.type === 'missed') {
      const task = tasks.get(t.task);
      if (!task) report(`${path}.task`, `"${t.task}" is not a task of this scenario`);
      else if (task.deadline === undefined) report(`${path}.task`, `task "${t.task}" has no deadline, so it can never be missed`);
      else if (typeof task.deadline === 'object' && 'by' in task.deadline)
        report(`${path}.task`, `task "${t.task}" is due by the end of the drill, so nothing can follow its being missed`);
    }
    if (t.unless) checkCondition(`${path}.unless`, t.unless);
  };

  s.phases.forEach((p, i) => p.exit.when && checkCondition(`$.phases[${i}].exit.when`, p.exit.when));

  s.injects.forEach((inj, i) => {
    const at = `$.injects[${i}]`;
    checkRole(`${at}.from`, inj.from);
    if (inj.to !== 'all') inj.to.forEach((r, j) => checkRole(`${at}.to[${j}]`, r));
    checkTrigger(`${at}.trigger`, inj.trigger);
    checkEffects(`${at}.effects`, inj.effects);
    inj.variants?.forEach((v, j) => checkCondition(`${at}.variants[${j}].when`, v.when));
    if (inj.playable && roles.get(inj.from)?.kind !== 'simulated')
      report(`${at}.playable`, `only an inject from a simulated role can be played by a participant; "${inj.from}" is ${roles.has(inj.from) ? 'a player role' : 'not a role of this scenario'}`);
  });

  s.tasks.forEach((t, i) => {
    const at = `$.tasks[${i}]`;
    t.roles.forEach((r, j) => {
      const role = roles.get(r);
      if (!role) report(`${at}.roles[${j}]`, `"${r}" is not a role of this scenario`);
      else if (role.kind !== 'player') report(`${at}.roles[${j}]`, `"${r}" is a simulated role; only player roles take tasks`);
    });
    if (t.availableWhen) checkCondition(`${at}.availableWhen`, t.availableWhen);
    t.signoff?.forEach((r, j) => {
      const role = roles.get(r);
      if (!role) report(`${at}.signoff[${j}]`, `"${r}" is not a role of this scenario`);
      else if (role.kind !== 'player') report(`${at}.signoff[${j}]`, `"${r}" is a simulated role; only player roles sign off`);
      else if (t.signoff?.indexOf(r) !== j) report(`${at}.signoff[${j}]`, `"${r}" is listed twice`);
    });
    if (t.kind === 'single' || t.kind === 'multiple') {
      unique(t.options, `${at}.options`, 'option', report);
      t.options.forEach((o, j) => o.availableWhen && checkCondition(`${at}.options[${j}].availableWhen`, o.availableWhen));
      if (t.options.every((o) => o.availableWhen)) report(`${at}.options`, 'every option has availableWhen: keep at least one option always offered, so the task can always be answered');
      t.options.forEach((o, j) => checkEffects(`${at}.options[${j}].effects`, o.effects));
      if (t.kind === 'multiple' && !t.options.some((o) => o.score >= 0.5)) report(`${at}.options`, 'a multiple-choice task needs at least one right option (score ≥ 0.5)');
    } else {
      if (t.kind === 'checklist') unique(t.items, `${at}.items`, 'item', report);
      checkEffects(`${at}.effects`, t.effects);
    }
  });

  const checkMeasure = (path: string, m: Measure) => {
    if (m.type === 'quality' || m.type === 'timeliness')
      m.tasks.forEach((tid, j) => {
        const t = tasks.get(tid);
        if (!t) report(`${path}.tasks[${j}]`, `"${tid}" is not a task of this scenario`);
        else if (m.type === 'timeliness' && t.deadline === undefined) report(`${path}.tasks[${j}]`, `task "${tid}" has no deadline, so its timeliness cannot be measured`);
      });
    if (m.type === 'variable') {
      if (!vars.has(m.var)) report(`${path}.var`, `"${m.var}" is not a variable of this scenario`);
      if (m.best === m.worst) report(`${path}`, 'best and worst must differ');
    }
    if (m.type === 'condition') checkCondition(`${path}.when`, m.when);
    if (m.type === 'avoided')
      m.injects.forEach((iid, j) => {
        if (!injects.has(iid)) report(`${path}.injects[${j}]`, `"${iid}" is not an inject of this scenario`);
      });
  };
  s.rubric.forEach((c, i) => c.measures.forEach((m, j) => checkMeasure(`$.rubric[${i}].measures[${j}]`, m)));

  unique(s.observations, '$.observations', 'observation', report);
  const criteria = new Set(s.rubric.map((c) => c.id));
  s.observations.forEach((o, i) => {
    const at = `$.observations[${i}]`;
    o.criteria.forEach((cid, j) => {
      if (!criteria.has(cid)) report(`${at}.criteria[${j}]`, `"${cid}" is not a criterion of this scenario's rubric`);
    });
    o.roles?.forEach((r, j) => checkRole(`${at}.roles[${j}]`, r));
    checkEffects(`${at}.effects`, o.effects);
  });
  s.rubric.forEach((c, i) => {
    if (c.measures.length === 0 && !s.observations.some((o) => o.criteria.includes(c.id)))
      report(`$.rubric[${i}].measures`, `criterion "${c.id}" has no measure and no observation feeds it, so it can never be scored`);
  });
  if (s.leader !== undefined) {
    const leader = roles.get(s.leader);
    if (!leader) report('$.leader', `"${s.leader}" is not a role of this scenario`);
    else if (leader.kind !== 'player') report('$.leader', `"${s.leader}" is a simulated role; the leader must be a player role`);
  }

  if (issues.length === 0) {
    issues.push(...findTriggerCycles(s), ...findUnreachablePhases(s));
  }
  return issues;
}

/** Every `{"param": id}` names a parameter; texts say `{param:id}` only of parameters and `{time}` only with a story clock. */
function checkParamsAndPlaceholders(s: Scenario, report: (p: string, m: string) => void): void {
  const params = new Set(s.parameters.map((p) => p.id));
  const walk = (x: unknown, path: string): void => {
    if (typeof x === 'string') {
      for (const m of x.matchAll(/\{(time|param:([^}]*))\}/g)) {
        if (m[2] !== undefined && !params.has(m[2])) report(path, `{param:${m[2]}} names no parameter of this scenario`);
        if (m[2] === undefined && !s.storyClock) report(path, '{time} needs a story clock: add "storyClock": "09:00" (the story\'s time at the start)');
      }
    } else if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (typeof o.param === 'string' && Object.keys(o).length === 1) {
        if (!params.has(o.param)) report(`${path}.param`, `"${o.param}" is not a parameter of this scenario`);
        return;
      }
      for (const [k, v] of Object.entries(o)) if (k !== 'parameters') walk(v, `${path}.${k}`);
    }
  };
  walk(s, '$');
}

/** The first thing a file uses that format 1 did not have, if any. */
function format2Feature(s: Scenario): { what: string; path: string } | undefined {
  if (s.storyClock !== undefined) return { what: 'storyClock', path: '$.storyClock' };
  if (s.parameters.length) return { what: 'parameters', path: '$.parameters' };
  let found: { what: string; path: string } | undefined;
  const walk = (x: unknown, path: string, key?: string): void => {
    if (found) return;
    if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (typeof o.param === 'string') found = { what: 'a parameter', path };
      else if (key === 'deadline') found = { what: 'a deadline other than minutes', path };
      else if (key === 'trigger' && ('from' in o || 'unless' in o)) found = { what: `"${'from' in o ? 'from' : 'unless'}" in a trigger`, path };
      else if (o.type === 'cancel' || o.type === 'rated' || (o.type === 'time' && 'atLeast' in o)) found = { what: `"type": "${String(o.type)}"`, path };
      else
        for (const [k, v] of Object.entries(o)) {
          const added = ['variants', 'signoff', 'playable'].includes(k) || (k === 'availableWhen' && /\.options\[\d+\]$/.test(path));
          if (added) return void (found = { what: `"${k}"${k === 'availableWhen' ? ' on an option' : ''}`, path: `${path}.${k}` });
          walk(v, `${path}.${k}`, k);
        }
    }
  };
  walk(s, '$');
  return found;
}

function unique(items: { id: string }[], path: string, what: string, report: (p: string, m: string) => void) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) report(`${path}[${i}].id`, `${what} "${item.id}" is defined twice (first at ${path}[${first}])`);
    else seen.set(item.id, i);
  });
}

/** Atoms that a condition references anywhere, by kind. */
function referencedInjects(c: Condition, out: Set<string> = new Set()): Set<string> {
  if (c.type === 'all' || c.type === 'any') c.of.forEach((sub) => referencedInjects(sub, out));
  else if (c.type === 'not') referencedInjects(c.of, out);
  else if (c.type === 'fired') out.add(c.inject);
  return out;
}

/** Inject A → B when A's effects fire B, or B's trigger condition waits for A. */
function findTriggerCycles(s: Scenario): Issue[] {
  const edges = new Map<string, Set<string>>(s.injects.map((i) => [i.id, new Set<string>()]));
  for (const inj of s.injects) {
    for (const e of inj.effects) if (e.type === 'fire') edges.get(inj.id)?.add(e.inject);
    if (inj.trigger.type === 'condition') for (const src of referencedInjects(inj.trigger.when)) edges.get(src)?.add(inj.id);
  }
  const index = new Map(s.injects.map((inj, i) => [inj.id, i]));
  const state = new Map<string, 'visiting' | 'done'>();
  const issues: Issue[] = [];
  const visit = (node: string, path: string[]): void => {
    state.set(node, 'visiting');
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'visiting') {
        const cycle = [...path.slice(path.indexOf(next)), next];
        issues.push({ path: `$.injects[${index.get(next)}]`, message: `injects trigger each other in a cycle: ${cycle.join(' → ')}` });
      } else if (!state.has(next)) visit(next, [...path, next]);
    }
    state.set(node, 'done');
  };
  for (const inj of s.injects) if (!state.has(inj.id)) visit(inj.id, [inj.id]);
  return issues;
}

/** Conditions that must all hold for `c` to hold (the top level and nested `all`s). */
function mustHold(c: Condition): Condition[] {
  return c.type === 'all' ? c.of.flatMap(mustHold) : [c];
}

/**
 * A phase is unreachable when the exit rule of the phase before it needs something that
 * can only happen later: a task that opens in a later phase, an inject that waits for one,
 * or a later phase itself.
 */
function findUnreachablePhases(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  const phaseIndex = (p: string) => PHASES.indexOf(p as (typeof PHASES)[number]);
  const tasks = new Map(s.tasks.map((t) => [t.id, t]));
  const injects = new Map(s.injects.map((i) => [i.id, i]));
  s.phases.forEach((p, i) => {
    if (!p.exit.when) return;
    const next = i + 1 < PHASES.length ? `phase "${PHASES[i + 1]}" can never be reached` : 'the drill can never end normally';
    for (const atom of mustHold(p.exit.when)) {
      let later: string | undefined;
      let what = '';
      if (atom.type === 'done' || atom.type === 'on-time' || atom.type === 'chose' || atom.type === 'rated') {
        const t = tasks.get(atom.task);
        if (t && phaseIndex(t.phase) > i) [later, what] = [t.phase, `task "${t.id}"`];
      } else if (atom.type === 'fired') {
        const inj = injects.get(atom.inject);
        if (inj && (inj.trigger.type === 'time' || inj.trigger.type === 'condition') && phaseIndex(inj.phase) > i)
          [later, what] = [inj.phase, `inject "${inj.id}"`];
      } else if (atom.type === 'phase' && phaseIndex(atom.atLeast) > i) [later, what] = [atom.atLeast, 'a later phase'];
      if (later) issues.push({ path: `$.phases[${i}].exit.when`, message: `${next}: the exit rule of "${p.id}" needs ${what}, which can only happen in "${later}"` });
    }
  });
  return issues;
}
