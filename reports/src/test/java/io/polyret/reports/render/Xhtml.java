package io.polyret.reports.render;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The report is well-formed XML (XHTML syntax) by design, so tests can query it with XPath
 * instead of matching strings.
 */
final class Xhtml {
  private final Document doc;

  private Xhtml(Document doc) {
    this.doc = doc;
  }

  static Xhtml parse(String html) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(false);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setExpandEntityReferences(false);
      return new Xhtml(f.newDocumentBuilder()
          .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8))));
    } catch (Exception e) {
      throw new AssertionError("report is not well-formed: " + e.getMessage(), e);
    }
  }

  List<Node> nodes(String xpath) {
    try {
      NodeList list = (NodeList) XPathFactory.newInstance().newXPath()
          .evaluate(xpath, doc, XPathConstants.NODESET);
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < list.getLength(); i++) {
        out.add(list.item(i));
      }
      return out;
    } catch (Exception e) {
      throw new AssertionError("bad xpath " + xpath, e);
    }
  }

  Node node(String xpath) {
    List<Node> n = nodes(xpath);
    if (n.size() != 1) {
      throw new AssertionError("expected one node for " + xpath + ", found " + n.size());
    }
    return n.get(0);
  }

  List<String> texts(String xpath) {
    return nodes(xpath).stream().map(n -> n.getTextContent().trim()).toList();
  }

  int count(String xpath) {
    return nodes(xpath).size();
  }

  /** XPath string literal for any text (handles both quote kinds). */
  static String literal(String s) {
    if (!s.contains("'")) {
      return "'" + s + "'";
    }
    if (!s.contains("\"")) {
      return "\"" + s + "\"";
    }
    StringBuilder sb = new StringBuilder("concat(");
    String[] parts = s.split("'", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append(", \"'\", ");
      }
      sb.append('\'').append(parts[i]).append('\'');
    }
    return sb.append(')').toString();
  }
}
