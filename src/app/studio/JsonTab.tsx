/**
 * The JSON tab, for experts: the draft as text in CodeMirror 6, completed and checked against
 * the project's JSON Schema (scenarios/schema.json), and marked with the project's own
 * validator's findings in the trainer's language. A change that parses becomes the draft.
 */
import { json } from '@codemirror/lang-json';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { jsonSchema } from 'codemirror-json-schema';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { useEffect, useRef, useState } from 'react';
import schema from '../../../scenarios/schema.json';
import { parseJsonText } from '../../engine';
import { checkDraft, type Problem } from './check';
import { useStudioT } from './context';

export type JsonTabProps = { draft: unknown; onChange: (value: unknown) => void; describe: (p: Problem) => string };

export default function JsonTab({ draft, onChange, describe }: JsonTabProps) {
  const { t: ts } = useStudioT();
  const host = useRef<HTMLDivElement>(null);
  // The editor is made once per opening of the tab; the latest callbacks are read through refs.
  const latest = useRef({ onChange, describe, ts });
  useEffect(() => {
    latest.current = { onChange, describe, ts };
  });
  const [initial] = useState(() => JSON.stringify(draft, null, 2));
  useEffect(() => {
    if (!host.current) return;
    // In a shadow root CodeMirror styles itself with constructed style sheets, which the app's
    // Content-Security-Policy (style-src 'self', no inline <style>) allows.
    const root = host.current.shadowRoot ?? host.current.attachShadow({ mode: 'open' });
    const parent = document.createElement('div');
    root.replaceChildren(parent);
    const projectLint = linter((view): Diagnostic[] => {
      const text = view.state.doc.toString();
      const parsed = parseJsonText(text);
      if (!parsed.ok) return [{ from: 0, to: Math.min(1, text.length), severity: 'error', message: latest.current.ts('json.notJson') }];
      const tree = parseTree(text);
      return checkDraft(parsed.value).problems.map((p) => {
        let node = tree ? findNodeAtLocation(tree, p.path) : undefined;
        for (let cut = p.path.length - 1; !node && tree && cut >= 0; cut--) node = findNodeAtLocation(tree, p.path.slice(0, cut));
        const from = node?.offset ?? 0;
        return { from, to: from + Math.max(1, Math.min(node?.length ?? 1, 200)), severity: p.severity, message: latest.current.describe(p) };
      });
    });
    const view = new EditorView({
      parent,
      root,
      state: EditorState.create({
        doc: initial,
        extensions: [
          basicSetup,
          json(),
          jsonSchema(schema as unknown as Parameters<typeof jsonSchema>[0]),
          projectLint,
          lintGutter(),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': latest.current.ts('json.label') }),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged) return;
            const parsed = parseJsonText(u.state.doc.toString());
            if (parsed.ok) latest.current.onChange(parsed.value);
          }),
        ],
      }),
    });
    return () => {
      view.destroy();
      parent.remove();
    };
  }, [initial]);
  return (
    <section aria-labelledby="studio-json-title" className="studio-json">
      <h3 id="studio-json-title">{ts('json.title')}</h3>
      <p className="muted">{ts('json.hint')}</p>
      <div ref={host} className="json-editor" />
    </section>
  );
}
