package dev.rnnkit.benchmark;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J backend a benchmark runs on: backend class, device, native build and BLAS library.
 *
 * @param backend     ND4J's backend class, e.g. {@code CpuBackend} or {@code CudaBackend}
 * @param device      {@code CPU}, or {@code GPU} with the number of devices
 * @param blas        the BLAS vendor ND4J reports, e.g. {@code OPENBLAS}, {@code MKL}, {@code CUBLAS}
 * @param nativeBuild the libnd4j build that loaded, e.g. {@code linux-x86_64-onednn-avx512}
 */
public record BackendInfo(String backend, String device, String blas, String nativeBuild) {

    /** The backend of this process (initialising ND4J if needed). */
    public static BackendInfo current() {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        String device = Nd4j.getEnvironment().isCPU() ? "CPU"
                : "GPU (" + Nd4j.getAffinityManager().getNumberOfDevices() + " device(s))";
        String blas;
        try {
            blas = String.valueOf(Nd4j.factory().blas().getBlasVendor());
        } catch (RuntimeException e) {
            blas = "unknown";
        }
        return new BackendInfo(backend, device, blas, dev.rnnkit.platform.NativeBuild.loaded());
    }

    /** One line, e.g. {@code ND4J CpuBackend on CPU, build linux-x86_64-onednn-avx512, BLAS OPENBLAS}. */
    public String describe() {
        return "ND4J " + backend + " on " + device + ", build " + nativeBuild + ", BLAS " + blas;
    }
}
