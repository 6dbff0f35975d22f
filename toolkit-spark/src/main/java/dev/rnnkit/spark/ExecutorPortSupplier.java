package dev.rnnkit.spark;

import org.apache.spark.SparkEnv;
import org.nd4j.parameterserver.distributed.v2.transport.PortSupplier;

/**
 * Aeron ports for SharedTrainingMaster when several executors share one host (local-cluster, or several executors per
 * machine): the driver (the controller) gets {@code base}, executor {@code N} gets {@code base + 1 + N}. The default
 * (a static port) makes every executor on a host bind the same UDP port. SharedTrainingMaster asks the supplier for the
 * controller port on the driver and for each worker's inbound port on the executors.
 */
final class ExecutorPortSupplier implements PortSupplier {

    private static final long serialVersionUID = 1L;

    private final int base;

    public ExecutorPortSupplier(int base) {
        this.base = base;
    }

    @Override
    public int getPort() {
        SparkEnv env = SparkEnv.get();
        String id = env == null ? "driver" : env.executorId();
        if ("driver".equals(id)) {
            return base;
        }
        try {
            return base + 1 + Integer.parseInt(id);
        } catch (NumberFormatException e) {
            return base + 1 + Math.floorMod(id.hashCode(), 1000);
        }
    }
}
