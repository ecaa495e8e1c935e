/**
 * Operations from one form to the other (s-expression ↔ JSON), on the tree: names become JSON
 * strings, numbers stay numbers, variables standing for a number or an operation stay bare.
 * A name with blanks, brackets or quotes has no s-expression form (Gnocchi would split it or keep
 * its quotes): converting it to the string form throws ParseError at that name.
 */
import { fail, isVariable } from '../common';
import { isNumberText, OpNode, OperationsForm, OperationsTree, Word } from './tree';

type Kind = 'name' | 'number';

function toJson(w: Word, kind: Kind): Word {
  const raw =
    kind === 'number' && (isVariable(w.value) || /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(w.value))
      ? w.value
      : JSON.stringify(w.value);
  return { ...w, raw };
}

function toString(w: Word): Word {
  if (!w.value || /[\s()"']/.test(w.value)) {
    fail(
      `${JSON.stringify(w.value)} cannot be written in the string form of operations: keep the JSON form`,
      w.from,
      w.to
    );
  }
  return { ...w, raw: w.value };
}

function convertNode(n: OpNode, word: (w: Word, kind: Kind) => Word): OpNode {
  switch (n.type) {
    case 'metric':
      return {
        ...n,
        op: word(n.op, 'name'),
        refs: n.refs.map((r) => ({ ...r, metric: word(r.metric, 'name'), aggregation: word(r.aggregation, 'name') })),
      };
    case 'aggregate':
      return { ...n, op: word(n.op, 'name'), method: word(n.method, 'name'), operand: convertNode(n.operand, word) };
    case 'resample':
    case 'rolling':
      return {
        ...n,
        op: word(n.op, 'name'),
        method: word(n.method, 'name'),
        window: word(n.window, isNumberText(n.window.value) || isVariable(n.window.value) ? 'number' : 'name'),
        operand: convertNode(n.operand, word),
      };
    case 'apply':
      return { ...n, op: word(n.op, 'name'), args: n.args.map((a) => convertNode(a, word)) };
    default:
      return { ...n, value: word(n.value, 'number') };
  }
}

/** The same operations in `form` (print it with printOperations). Throws ParseError if impossible. */
export function convertOperations(tree: OperationsTree, form: OperationsForm): OperationsTree {
  if (tree.form === form) {
    return tree;
  }
  return { ...tree, form, root: convertNode(tree.root, form === 'json' ? toJson : toString) };
}
