package io.polyret.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Checks the generated plugin descriptor: phases, user properties and documentation of every goal. */
class PluginDescriptorTest {

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    @Test
    void everyParameterHasAPolyretPropertyAndDocumentation() throws Exception {
        Document descriptor;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertNotNull(in, "plugin.xml not generated (maven-plugin-plugin descriptor goal)");
            descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        assertEquals("polyret", descriptor.getElementsByTagName("goalPrefix").item(0).getTextContent());
        Map<String, String> phases = new HashMap<>();
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = text(mojo, "goal");
            phases.put(goal, text(mojo, "phase"));
            if (goal.equals("help")) {
                continue;
            }
            assertFalse(text(mojo, "description").isBlank(), goal);
            Element configuration = (Element) mojo.getElementsByTagName("configuration").item(0);
            NodeList parameters = ((Element) mojo.getElementsByTagName("parameters").item(0))
                    .getElementsByTagName("parameter");
            for (int p = 0; p < parameters.getLength(); p++) {
                Element parameter = (Element) parameters.item(p);
                String name = text(parameter, "name");
                if ("false".equals(text(parameter, "editable"))) {
                    continue; // read-only (e.g. ${basedir}): not a user setting
                }
                assertFalse(text(parameter, "description") == null || text(parameter, "description").isBlank(),
                        goal + "." + name + " has no Javadoc");
                Element expression = (Element) configuration.getElementsByTagName(name).item(0);
                assertNotNull(expression, goal + "." + name + " has no user property");
                assertTrue(expression.getTextContent().startsWith("${polyret."),
                        goal + "." + name + ": " + expression.getTextContent());
            }
            String skipProperty = "${polyret." + goal + ".skip}";
            assertTrue(configuration.getTextContent().contains(skipProperty) || hasExpression(configuration, skipProperty),
                    goal + " lacks " + skipProperty);
        }
        assertEquals("verify", phases.get("evaluate"));
        assertEquals("verify", phases.get("report"));
        assertEquals("verify", phases.get("check"));
        assertEquals(null, phases.get("train"));
        assertEquals(null, phases.get("export"));
        assertTrue(phases.containsKey("help"));
    }

    private static boolean hasExpression(Element configuration, String expression) {
        NodeList children = configuration.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (expression.equals(children.item(i).getTextContent())) {
                return true;
            }
        }
        return false;
    }
}
