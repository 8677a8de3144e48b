/**
 * The mMARCO layout as parallel training data, with texts read from disk through cached offset
 * indexes ({@link io.polyret.core.data.mmarco.MmarcoDataset}).
 */
package io.polyret.core.data.mmarco;
