package dev.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** {@code bom/pom.xml} names every published module, at the build's version, and nothing of anyone else. */
class BomTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void theBom_listsEveryPublishedModule_atTheParentsVersion_andNoThirdPartyArtifact() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("bom").resolve("pom.xml"));
        List<String> published = new ArrayList<>();
        for (String module : texts(parent.getDocumentElement(), "modules", "module")) {
            Document pom = read(ROOT.resolve(module).resolve("pom.xml"));
            boolean unpublished = !texts(pom.getDocumentElement(), "properties", "maven.deploy.skip").isEmpty()
                    || "pom".equals(child(pom.getDocumentElement(), "packaging"));
            if (!unpublished) {
                published.add(child(pom.getDocumentElement(), "artifactId"));
            }
        }

        Element managed = (Element) bom.getElementsByTagName("dependencyManagement").item(0);
        List<String> listed = new ArrayList<>();
        NodeList dependencies = managed.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            assertThat(child(dependency, "groupId")).isEqualTo("dev.tollgate");
            assertThat(child(dependency, "version")).isEqualTo("${project.version}");
            listed.add(child(dependency, "artifactId"));
        }

        assertThat(published).contains("tollgate", "tollgate-server", "tollgate-testing", "tollgate-ports");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(published);
        assertThat(child(bom.getDocumentElement(), "parent")).as("no parent: it would hand on our third-party versions")
                .isNull();
        assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(child(parent.getDocumentElement(), "version"));
    }

    private static Document read(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    /** The text of the direct child {@code name}, or null. */
    private static String child(Element element, String name) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent().strip();
            }
        }
        return null;
    }

    /** The texts of {@code element/outer/inner}. */
    private static List<String> texts(Element element, String outer, String inner) {
        List<String> texts = new ArrayList<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && child.getTagName().equals(outer)) {
                for (Node item = child.getFirstChild(); item != null; item = item.getNextSibling()) {
                    if (item instanceof Element grandchild && grandchild.getTagName().equals(inner)) {
                        texts.add(grandchild.getTextContent().strip());
                    }
                }
            }
        }
        return texts;
    }
}
