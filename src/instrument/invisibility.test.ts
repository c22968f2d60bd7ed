import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The mechanical rules of ./intrinsics.ts, checked on the hook's sources: code that runs while
 * page scripts run must not reach anything a page can patch or observe. Module top-level code
 * runs once, before any page script, and may use built-ins freely.
 */
const DIR = fileURLToPath(new URL('.', import.meta.url));
const SOURCES = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

/** Evaluated when the bundle starts only (its functions are called from its top-level code). */
const STARTUP_ONLY = new Set(['engine.ts']);

const GLOBALS = ['Reflect', 'Math', 'JSON', 'Object', 'Array', 'Map', 'Set', 'WeakMap', 'Symbol', 'Proxy', 'String', 'Number', 'Error', 'Promise', 'Function'];
const METHODS = [
  'push', 'pop', 'shift', 'slice', 'splice', 'split', 'map', 'filter', 'forEach', 'reduce', 'join', 'concat',
  'includes', 'find', 'some', 'every', 'trim', 'startsWith', 'endsWith', 'replace', 'call', 'apply', 'bind',
  'get', 'set', 'has', 'add', 'delete', 'clear', 'indexOf', 'lastIndexOf', 'charCodeAt', 'toString', 'keys',
  'values', 'entries', 'test', 'exec',
];
/** Receivers whose methods are the hook's own or saved natives. */
const OWN_RECEIVER = /^(I|N|this\.N|st\.registry|this\.#\w+)$/;

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(DIR + file, 'utf8'), ts.ScriptTarget.ES2022, true);
}

function where(src: ts.SourceFile, n: ts.Node): string {
  return `${src.fileName}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${n.getText().slice(0, 70)}`;
}

function isFunctionWithBody(n: ts.Node): n is ts.FunctionLikeDeclaration {
  return (
    (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n) ||
      ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n) || ts.isConstructorDeclaration(n)) &&
    n.body !== undefined
  );
}

function violations(file: string): string[] {
  return violationsIn(parse(file));
}

function violationsIn(src: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node, inFunction: boolean): void => {
    if (inFunction) {
      if (ts.isForOfStatement(n)) out.push(`for…of (iterator protocol): ${where(src, n)}`);
      if (ts.isArrayBindingPattern(n)) out.push(`array destructuring (iterator protocol): ${where(src, n)}`);
      if (ts.isSpreadElement(n)) out.push(`spread (iterator protocol): ${where(src, n)}`);
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
        const name = n.expression.name.text;
        if (METHODS.includes(name) && !OWN_RECEIVER.test(n.expression.expression.getText())) {
          out.push(`built-in method by name: ${where(src, n)}`);
        }
      }
      if (
        ts.isIdentifier(n) &&
        GLOBALS.includes(n.text) &&
        !ts.isTypeReferenceNode(n.parent) &&
        !ts.isTypeOfExpression(n.parent) &&
        !ts.isTypeQueryNode(n.parent) &&
        !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) &&
        !(ts.isPropertyAssignment(n.parent) && n.parent.name === n) &&
        !ts.isQualifiedName(n.parent)
      ) {
        out.push(`global looked up at call time: ${where(src, n)}`);
      }
    }
    ts.forEachChild(n, (c) => visit(c, inFunction || isFunctionWithBody(n)));
  };
  visit(src, false);
  return out;
}

/** Top-level functions (declarations, and arrows/function expressions a top-level statement holds). */
function topLevelFunctions(file: string): { name: string; node: ts.FunctionLikeDeclaration }[] {
  const src = parse(file);
  const found: { name: string; node: ts.FunctionLikeDeclaration }[] = [];
  const outermost = (n: ts.Node, name: string): void => {
    if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) return; // class code is strict
    if (isFunctionWithBody(n)) {
      found.push({ name, node: n });
      return;
    }
    ts.forEachChild(n, (c) => outermost(c, name));
  };
  for (const statement of src.statements) {
    const name = ts.isFunctionDeclaration(statement) ? (statement.name?.text ?? '?') : statement.getText().slice(0, 40);
    outermost(statement, name);
  }
  return found;
}

function isStrict(fn: ts.FunctionLikeDeclaration): boolean {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return false;
  const first = body.statements[0];
  return first !== undefined && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use strict';
}

describe('the hook keeps the invisibility rules', () => {
  it('has sources to check', () => {
    expect(SOURCES).toContain('websocket-hook.ts');
  });

  it.each(SOURCES)('%s: every outermost function is strict-mode code', (file) => {
    const sloppy = topLevelFunctions(file)
      .filter((f) => !isStrict(f.node))
      .map((f) => `${file}: ${f.name}`);
    expect(sloppy).toEqual([]);
  });

  it.each(SOURCES.filter((f) => !STARTUP_ONLY.has(f)))('%s: nothing a page can patch is used at call time', (file) => {
    expect(violations(file)).toEqual([]);
  });

  it('the checker catches what it is meant to', () => {
    const text = `const HEX = [1].map((x) => x); // top level: runs before any page script, allowed
export function f(a: number[]) { 'use strict'; for (const x of a) a.push(x); const [y] = a; I.apply(g, null, [y]); return Math.min(...a) + new Map().size; }`;
    const src = ts.createSourceFile('sample.ts', text, ts.ScriptTarget.ES2022, true);
    const found = violationsIn(src).map((v) => v.slice(0, v.indexOf(':')));
    expect(found).toEqual([
      'for…of (iterator protocol)',
      'built-in method by name',
      'array destructuring (iterator protocol)',
      'global looked up at call time',
      'spread (iterator protocol)',
      'global looked up at call time',
    ]);
  });
});
