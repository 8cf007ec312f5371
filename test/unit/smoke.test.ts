import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnyElem } from '../../server/src/core/dtab/ast.js';

test('the wildcard element is not a label', () => {
  assert.notEqual(AnyElem as unknown, '*');
});
