// The OWL checks of tests/test_owl.py: OWL API's OWL 2 DL profile check, then HermiT, on an ontology whose
// imports are resolved through a catalog (ontology/catalog-v001.xml), so nothing is fetched.
// Usage: java -cp HermiT.jar:classes OwlCheck CATALOG DOCUMENT
// Prints one line per finding ("profile: ...", "inconsistent", "unsatisfiable: ...") and exits 1 if any.
import java.io.File;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.semanticweb.HermiT.Configuration;
import org.semanticweb.HermiT.Reasoner;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.util.SimpleIRIMapper;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public class OwlCheck {
    public static void main(String[] args) throws Exception {
        File catalog = new File(args[0]);
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        NodeList entries = factory.newDocumentBuilder().parse(catalog).getElementsByTagNameNS("*", "uri");
        for (int i = 0; i < entries.getLength(); i++) {
            Element e = (Element) entries.item(i);
            File local = new File(catalog.getParentFile(), e.getAttribute("uri"));
            manager.addIRIMapper(new SimpleIRIMapper(IRI.create(e.getAttribute("name")), IRI.create(local)));
        }
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(args[1]));
        int findings = 0;
        System.out.println("axioms: " + ontology.getAxiomCount() + " (imports closure: "
                + ontology.getImportsClosure().size() + " ontologies)");
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        for (OWLProfileViolation v : report.getViolations()) {
            System.out.println("profile: " + v.toString().replace('\n', ' '));
            findings++;
        }
        Configuration configuration = new Configuration();
        // xsd:date is outside OWL 2's datatype map: declared, its literals are kept as opaque values
        configuration.ignoreUnsupportedDatatypes = true;
        Reasoner reasoner = new Reasoner(configuration, ontology);
        if (!reasoner.isConsistent()) {
            System.out.println("inconsistent");
            findings++;
        } else {
            Set<OWLClass> bad = reasoner.getUnsatisfiableClasses().getEntitiesMinusBottom();
            for (OWLClass c : bad) {
                System.out.println("unsatisfiable: " + c.getIRI());
                findings++;
            }
            System.out.println("classes: " + ontology.getClassesInSignature(true).size() + ", consistent");
        }
        System.exit(findings == 0 ? 0 : 1);
    }
}
