package dev.scalebench.config;

/** The order in which trials run. */
public enum Order {
    /** Each replicate is a block holding every point once; points are shuffled within each block (seeded). */
    RANDOMIZED_BLOCKS("randomized-blocks"),
    /** Each replicate is a block; points run in plan order within each block (for debugging only). */
    SEQUENTIAL("sequential");

    private final String id;

    Order(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Order parse(String s) {
        for (Order o : values()) {
            if (o.id.equalsIgnoreCase(s.trim())) {
                return o;
            }
        }
        return null;
    }
}
