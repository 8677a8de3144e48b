/**
 * Inline SVG charts built from code with escaping throughout: heatmaps, grouped bar charts and
 * line charts. Knows nothing of the result model.
 */
package io.polyret.reports.svg;
