package dev.scalebench;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.INTERFACES;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import dev.scalebench.backend.cuda.CudaFacade;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The architecture of the harness, checked on its compiled classes with ArchUnit. Every dependency in the bytecode
 * counts — a type named by an import or fully qualified inline, a field, parameter, return or generic type, a call,
 * an annotation — at any package depth (a compile-time constant is copied by javac and leaves no trace, the one
 * kind of use it cannot see); test code is not checked ({@link ImportOption.DoNotIncludeTests}), nor is the {@code kernels}
 * module, whose classes are only the target of the JCuda rule ({@link HarnessClasses}).
 *
 * <h2>Layers</h2>
 * Dependencies point one way along the data flow, from a sweep file to a report. Each package may use the layers
 * listed below it, never one beside or above it:
 * <pre>
 *   cli                          options in, one service call, text out
 *   sweep                        the run as a job: plan, trials, summary, analysis, history, metrics
 *   report    metrics            report files; Prometheus metrics (both read results, neither the other)
 *   analysis  (and sub-packages) datasets, fits, rooflines, compare, gate, trend
 *   results   progress           run folders and history; the progress bar (reads measure only)
 *   measure                      the timed loop and its stopping rule
 *   backend   (and sub-packages) the engine SPI and its engines
 *   plan                         sweep points from a spec
 *   config                       the sweep file, units, limits
 *   dev.scalebench  stats        ScalebenchException, Host, Secrets, Version; statistics: used everywhere,
 *                                they use no other package (and not each other)
 * </pre>
 * A layer's sub-packages belong to it ({@code backend.djl} is {@code backend}); their order among themselves is
 * kept by the cycle rule. {@code progress} sits beside {@code results}: it draws what {@code measure} reports and
 * nothing above may be needed for that. {@code metrics} sits beside {@code report}: both turn results into an
 * output, and {@code sweep} drives both. Every class must belong to a layer, so a new package fails here until it
 * is placed.
 *
 * <h2>No cycles</h2>
 * No two packages depend on each other, directly or through others, at any depth: {@code analysis} holds the data
 * its sub-packages share and uses none of them; {@code analysis.pipeline} joins {@code fit} and {@code roofline}.
 *
 * <h2>Engines</h2>
 * DJL ({@code ai.djl}) is used only in {@code backend.djl}. The JCuda layer — {@code jcuda} and scalebench's
 * {@code kernels} module — is used only in {@code backend.cuda}. Everything else that needs CUDA (DJL's device
 * timing, {@code calibrate}, {@code doctor}) goes through one class, {@link CudaFacade}; the other
 * {@code backend.cuda} types it may see are values and seams (records, enums, interfaces), never a class that
 * does CUDA work.
 */
@AnalyzeClasses(locations = ArchitectureTest.HarnessClasses.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "dev.scalebench";

    /** Bottom to top; the layers of one tier may not use each other. */
    private static final List<List<Layer>> TIERS = List.of(
            List.of(new Layer("Root", ROOT), new Layer("Stats", ROOT + ".stats..")),
            List.of(new Layer("Config", ROOT + ".config..")),
            List.of(new Layer("Plan", ROOT + ".plan..")),
            List.of(new Layer("Backend", ROOT + ".backend..")),
            List.of(new Layer("Measure", ROOT + ".measure..")),
            List.of(new Layer("Results", ROOT + ".results.."), new Layer("Progress", ROOT + ".progress..")),
            List.of(new Layer("Analysis", ROOT + ".analysis..")),
            List.of(new Layer("Report", ROOT + ".report.."), new Layer("Metrics", ROOT + ".metrics..")),
            List.of(new Layer("Sweep", ROOT + ".sweep..")),
            List.of(new Layer("Cli", ROOT + ".cli..")));

    /** A named layer and the packages it holds, in ArchUnit's package syntax. */
    private record Layer(String name, String packages) {}

    @ArchTest
    static final ArchRule layersFollowTheDataFlow = layers();

    @ArchTest
    static final ArchRule noPackageCyclesAtAnyDepth = slices().matching(ROOT + ".(**)").should().beFreeOfCycles()
            .as("no two packages of dev.scalebench depend on each other, directly or through others");

    @ArchTest
    static final ArchRule djlOnlyInItsBackend = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".backend.djl..")
            .should().dependOnClassesThat().resideInAPackage("ai.djl..")
            .as("DJL is used only in backend.djl");

    @ArchTest
    static final ArchRule jcudaOnlyInTheCudaBackend = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".backend.cuda..")
            .should().dependOnClassesThat().resideInAnyPackage("jcuda..", ROOT + ".kernels..")
            .as("the JCuda layer (jcuda, dev.scalebench.kernels) is used only in backend.cuda");

    @ArchTest
    static final ArchRule jnaOnlyInTheNvmlBinding = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".measure.nvml..")
            .should().dependOnClassesThat().resideInAnyPackage("com.sun.jna..")
            .as("JNA is used only in measure.nvml, the binding to libnvidia-ml.so.1");

    /** A class of {@code backend.cuda} that does CUDA work: not the facade, a record, an enum or an interface. */
    private static final DescribedPredicate<JavaClass> CUDA_INTERNALS = resideInAPackage(ROOT + ".backend.cuda..")
            .and(not(belongToAnyOf(CudaFacade.class)))
            .and(not(assignableTo(Record.class)))
            .and(not(assignableTo(Enum.class)))
            .and(not(INTERFACES))
            .as("a class of backend.cuda other than CudaFacade, a record, an enum or an interface");

    @ArchTest
    static final ArchRule cudaOnlyThroughTheFacade = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".backend.cuda..")
            .should().dependOnClassesThat(CUDA_INTERNALS)
            .as("outside backend.cuda, CUDA is reached only through backend.cuda.CudaFacade");

    private static LayeredArchitecture layers() {
        LayeredArchitecture a = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture();
        for (List<Layer> tier : TIERS) {
            for (Layer l : tier) {
                a = a.layer(l.name()).definedBy(l.packages());
            }
        }
        List<String> below = new ArrayList<>();
        for (List<Layer> tier : TIERS) {
            for (Layer l : tier) {
                a = below.isEmpty() ? a.whereLayer(l.name()).mayNotAccessAnyLayer()
                        : a.whereLayer(l.name()).mayOnlyAccessLayers(below.toArray(String[]::new));
            }
            tier.forEach(l -> below.add(l.name()));
        }
        return a.as("each package uses only the layers below it: config → plan → backend → measure → results →"
                + " analysis → report → sweep → cli, with stats and dev.scalebench at the bottom");
    }

    /**
     * The harness's own classes: the folder or jar {@link Version} was loaded from. Not the {@code kernels} module,
     * nor any library: the classes these refer to stay name-only stubs ({@code archunit.properties}), which is all
     * the rules look at, and the import takes a second instead of a scan of every jar on the test classpath.
     */
    public static final class HarnessClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            try {
                return Set.of(Location.of(Version.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException("where the harness classes are: " + e.getMessage(), e);
            }
        }
    }
}
