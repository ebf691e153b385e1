// jsrouge.js rescores the pairs in jsrouge.json with the npm package
// js-rouge and writes the file back. TestJSRouge checks this package
// against the numbers it leaves there.
//
//	cd "$(mktemp -d)" && npm i js-rouge@3.2.3
//	NODE_PATH=$PWD/node_modules node .../testdata/jsrouge.js .../testdata/jsrouge.json
//
// js-rouge is configured to tokenize as rouge-score does (js-rouge's own
// default is Penn Treebank tokens, case-sensitive); its l() is the
// summary-level union LCS, so it gives ROUGE-Lsum with one sentence a line
// and ROUGE-L with the whole summary as one sentence. Its scorers return
// F_beta only: precision is beta = 0, recall beta = Infinity.
'use strict';
const fs = require('fs');
const path = require('path');
const { n, l } = require('js-rouge');

const pkg = path.join(path.dirname(require.resolve('js-rouge')), '..', 'package.json');
const version = JSON.parse(fs.readFileSync(pkg, 'utf8')).version;

const tokenizer = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(/\s+/)
    .filter((t) => /^[a-z0-9]+$/.test(t));
const lines = (s) => s.split('\n');
const whole = (s) => [s];
const prf = (f) => [f(0), f(Infinity), f(1)];

const file = process.argv[2];
const data = JSON.parse(fs.readFileSync(file, 'utf8'));
data.jsRouge = version;
data.pairs = data.pairs.map(({ name, cand, ref }) => {
  const c = cand.join('\n');
  const r = ref.join('\n');
  return {
    name,
    cand,
    ref,
    rouge1: prf((beta) => n(c, r, { n: 1, beta, tokenizer })),
    rouge2: prf((beta) => n(c, r, { n: 2, beta, tokenizer })),
    rougeL: prf((beta) => l(c, r, { beta, tokenizer, segmenter: whole })),
    rougeLsum: prf((beta) => l(c, r, { beta, tokenizer, segmenter: lines })),
  };
});

// One field a line keeps diffs readable.
const j = JSON.stringify;
const pair = (p) =>
  '  {' +
  Object.entries(p)
    .map(([k, v]) => `${j(k)}: ${j(v)}`)
    .join(',\n   ') +
  '}';
const { pairs, ...head } = data;
const out =
  '{\n' +
  Object.entries(head)
    .map(([k, v]) => ` ${j(k)}: ${j(v)},\n`)
    .join('') +
  ' "pairs": [\n' +
  pairs.map(pair).join(',\n') +
  '\n ]\n}\n';
fs.writeFileSync(file, out);
