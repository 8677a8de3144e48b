package io.polyret.core.demo;

/** Splits of the demo corpus; an entity and all its facts belong to exactly one. */
public enum DemoSplit { TRAIN, VALIDATION, EVAL }
