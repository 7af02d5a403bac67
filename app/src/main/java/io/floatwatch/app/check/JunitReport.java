package io.floatwatch.app.check;

import io.floatwatch.app.check.ReadinessPolicy.Level;
import io.floatwatch.app.check.ReadinessReport.FileSystemLine;
import io.floatwatch.app.check.ReadinessReport.Item;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The report as JUnit XML for CI pipelines: a test suite per file system (and one for what concerns none, and
 * one for failed reads), a test case per check and per client path. A problem or an unverified path is a
 * failure, a failed read an error; a warning passes with its text in system-out.
 */
public final class JunitReport {

    private static final String ESTATE = "estate";

    private JunitReport() {
    }

    public static String render(ReadinessReport report) {
        Document doc;
        try {
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        Element root = doc.createElement("testsuites");
        root.setAttribute("name", "floatwatch check");
        doc.appendChild(root);
        if (!report.readErrors().isEmpty()) {
            Element suite = suite(doc, root, "AWS reads");
            for (ReadError e : report.readErrors()) {
                Element tc = testcase(doc, suite, "AWS reads", e.account() + " " + e.region() + " " + e.call());
                Element error = child(doc, tc, "error", e.fix());
                error.setAttribute("message", e.line());
                error.setAttribute("type", e.access() ? "AccessDenied" : "ReadFailed");
            }
        }
        Map<String, List<Item>> bySuite = new LinkedHashMap<>();
        for (FileSystemLine fs : report.fileSystems()) {
            bySuite.put(fs.fileSystemId(), new ArrayList<>());
        }
        for (Item i : report.items()) {
            bySuite.computeIfAbsent(i.fileSystemId() == null ? ESTATE : i.fileSystemId(), k -> new ArrayList<>()).add(i);
        }
        bySuite.forEach((name, items) -> {
            Element suite = suite(doc, root, name);
            String classname = "floatwatch.check." + name;
            if (!name.equals(ESTATE) && items.stream().noneMatch(i -> i.level() == Level.PROBLEM && !"ClientPath".equals(i.check()))) {
                testcase(doc, suite, classname, "rules: floating routes, endpoint range, client subnets");
            }
            for (Item i : items) {
                Element tc = testcase(doc, suite, classname, name(i));
                String detail = (i.hops().isEmpty() ? "" : "hops: " + String.join(" | ", i.hops()) + "\n")
                        + (i.fix() == null ? "" : "fix: " + i.fix());
                if (i.level() == Level.PROBLEM || i.level() == Level.UNVERIFIED) {
                    Element failure = child(doc, tc, "failure", detail);
                    failure.setAttribute("message", i.summary());
                    failure.setAttribute("type", i.level() == Level.UNVERIFIED ? "Unverified" : i.check());
                } else if (i.level() == Level.WARNING) {
                    child(doc, tc, "system-out", "warning: " + i.summary() + "\n" + detail);
                }
            }
        });
        int tests = 0;
        int failures = 0;
        int errors = 0;
        for (Element suite : children(root)) {
            int t = 0;
            int f = 0;
            int e = 0;
            for (Element tc : children(suite)) {
                t++;
                f += tc.getElementsByTagName("failure").getLength();
                e += tc.getElementsByTagName("error").getLength();
            }
            suite.setAttribute("tests", Integer.toString(t));
            suite.setAttribute("failures", Integer.toString(f));
            suite.setAttribute("errors", Integer.toString(e));
            tests += t;
            failures += f;
            errors += e;
        }
        root.setAttribute("tests", Integer.toString(tests));
        root.setAttribute("failures", Integer.toString(failures));
        root.setAttribute("errors", Integer.toString(errors));
        return write(doc);
    }

    private static String name(Item i) {
        if ("ClientPath".equals(i.check())) {
            return "path " + i.client() + " -> " + i.endpoint();
        }
        return i.check() + (i.client() == null ? "" : " " + i.client()) + (i.endpoint() == null ? "" : " " + i.endpoint());
    }

    private static Element suite(Document doc, Element root, String name) {
        Element suite = doc.createElement("testsuite");
        suite.setAttribute("name", name);
        root.appendChild(suite);
        return suite;
    }

    private static Element testcase(Document doc, Element suite, String classname, String name) {
        Element tc = doc.createElement("testcase");
        tc.setAttribute("classname", classname);
        tc.setAttribute("name", name);
        suite.appendChild(tc);
        return tc;
    }

    private static Element child(Document doc, Element parent, String tag, String text) {
        Element e = doc.createElement(tag);
        e.setTextContent(text);
        parent.appendChild(e);
        return e;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static String write(Document doc) {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out + "\n";
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }
}
