import type { Answer, Lang, TaskBrief } from '../../engine';

/** An answer in the words of its task's choices (or its text). */
export function answerWords(task: TaskBrief, answer: Answer, lang: Lang, separator: string): string {
  if (answer.kind === 'text') return answer.text;
  const ids = answer.kind === 'single' ? [answer.option] : answer.kind === 'multiple' ? answer.options : answer.items;
  return task.choices.filter((c) => ids.includes(c.id)).map((c) => c.label[lang]).join(separator);
}
