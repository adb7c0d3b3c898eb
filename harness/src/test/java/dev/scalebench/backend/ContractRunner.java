package dev.scalebench.backend;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Runs a {@link BackendContract} subclass's tests without JUnit's launcher, for a child JVM (a backend that needs a
 * process of its own, such as cuda on the fake driver, which is chosen when the process starts). Each test gets a
 * fresh instance, its {@link BeforeEach} methods (superclass first), the test, then its {@link AfterEach} methods;
 * it prints one line per test, {@code contract.NAME=ok}, {@code contract.NAME=skipped: why} or
 * {@code contract.NAME=FAIL: message}, and the stack trace of each failure to standard error.
 *
 * <pre>{@code
 * java -cp <test class path> dev.scalebench.backend.ContractRunner dev.scalebench.backend.cuda.CudaBackendContract
 * }</pre>
 */
public final class ContractRunner {

    /** The prefix of each result line's key. */
    public static final String PREFIX = "contract.";

    private ContractRunner() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> c = Class.forName(args[0]);
        for (Method test : tests(c)) {
            System.out.println(PREFIX + test.getName() + "=" + run(c, test));
        }
    }

    /** The names of the contract's tests, sorted. */
    public static List<String> testNames() {
        return tests(BackendContract.class).stream().map(Method::getName).toList();
    }

    /** The {@link Test} methods of {@code c} and its superclasses, sorted by name. */
    static List<Method> tests(Class<?> c) {
        List<Method> out = new ArrayList<>();
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Test.class) && out.stream().noneMatch(o -> o.getName().equals(m.getName()))) {
                    out.add(m);
                }
            }
        }
        out.sort(Comparator.comparing(Method::getName));
        return out;
    }

    private static String run(Class<?> c, Method test) {
        Object instance;
        try {
            var ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            instance = ctor.newInstance();
        } catch (ReflectiveOperationException e) {
            return fail(test, e);
        }
        String result = "ok";
        try {
            for (Method m : lifecycle(c, BeforeEach.class)) {
                invoke(instance, m);
            }
            invoke(instance, test);
        } catch (TestAbortedException e) {
            result = "skipped: " + oneLine(e.getMessage());
        } catch (Throwable e) {
            result = fail(test, e);
        }
        for (Method m : lifecycle(c, AfterEach.class)) {
            try {
                invoke(instance, m);
            } catch (Throwable e) {
                if (result.equals("ok")) {
                    result = fail(test, e);
                }
            }
        }
        return result;
    }

    /** The methods of {@code c}'s hierarchy annotated {@code a}, superclass first. */
    private static List<Method> lifecycle(Class<?> c, Class<? extends java.lang.annotation.Annotation> a) {
        List<Method> out = new ArrayList<>();
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            List<Method> own = new ArrayList<>();
            for (Method m : k.getDeclaredMethods()) {
                if (m.isAnnotationPresent(a)) {
                    own.add(m);
                }
            }
            out.addAll(0, own);
        }
        return out;
    }

    private static void invoke(Object instance, Method m) throws Throwable {
        m.setAccessible(true);
        try {
            m.invoke(instance);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String fail(Method test, Throwable e) {
        System.err.println("--- " + test.getName());
        e.printStackTrace();
        return "FAIL: " + oneLine(e.toString());
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
