package io.polyret.reports.svg;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes SVG markup. Tag and attribute names come from code and are checked; every attribute value
 * and text content is XML-escaped, so data (language names, run names) can never become markup.
 * Output is meant to be inlined into HTML.
 */
public final class SvgBuilder {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9:-]*");

  private final StringBuilder out = new StringBuilder();
  private final Deque<String> open = new ArrayDeque<>();

  /**
   * Starts an {@code <svg>} element of the given size with an accessible title.
   *
   * @param cssClass class attribute of the svg element
   */
  public SvgBuilder(double width, double height, String title, String cssClass) {
    open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", cssClass,
        "width", num(width), "height", num(height),
        "viewBox", "0 0 " + num(width) + " " + num(height), "role", "img",
        "aria-label", title);
    text("title", title);
  }

  /** Opens an element; attributes are name/value pairs, null values are left out. */
  public SvgBuilder open(String tag, String... attributes) {
    start(tag, attributes);
    out.append('>');
    open.push(tag);
    return this;
  }

  /** Closes the innermost open element. */
  public SvgBuilder close() {
    if (open.isEmpty()) {
      throw new IllegalStateException("no open element to close");
    }
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  /** Writes an element without content. */
  public SvgBuilder empty(String tag, String... attributes) {
    start(tag, attributes);
    out.append("/>");
    return this;
  }

  /** Writes an element whose content is escaped text. */
  public SvgBuilder text(String tag, String content, String... attributes) {
    start(tag, attributes);
    out.append('>').append(escape(content)).append("</").append(tag).append('>');
    return this;
  }

  /** Closes what is open (the svg element included) and returns the markup. */
  public String finish() {
    while (!open.isEmpty()) {
      close();
    }
    return out.toString();
  }

  private void start(String tag, String[] attributes) {
    checkName(tag);
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes of <" + tag + "> must be name/value pairs");
    }
    out.append('<').append(tag);
    for (int i = 0; i < attributes.length; i += 2) {
      checkName(attributes[i]);
      if (attributes[i + 1] != null) {
        out.append(' ').append(attributes[i]).append("=\"")
            .append(escape(attributes[i + 1])).append('"');
      }
    }
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an XML name: '" + name + "'");
    }
  }

  /** Escapes text for XML content and attribute values (also safe inside HTML). */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          // Control characters other than tab/newline are not allowed in XML 1.0.
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  /** A coordinate with at most two decimals, Locale.ROOT, no trailing zeros. */
  public static String num(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("coordinate must be finite, got " + v);
    }
    String s = String.format(Locale.ROOT, "%.2f", v);
    if (s.indexOf('.') >= 0) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s.equals("-0") ? "0" : s;
  }
}
