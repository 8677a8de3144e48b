/**
 * The embedded demo corpus: a generated, parallel question/answer corpus in eight languages
 * (en, de, es, ru, ar, zh, hi, el) about fictional entities, written to {@code examples/demo-data}
 * by {@link io.polyret.core.demo.DemoCorpusGenerator} (see {@code examples/demo-data/README.md}).
 */
package io.polyret.core.demo;
