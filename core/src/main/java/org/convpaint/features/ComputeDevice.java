package org.convpaint.features;

import java.util.function.Consumer;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * Chooses where neural feature extractors run: CPU when forced, else a CUDA device if the PyTorch engine reports
 * one and a trivial operation succeeds on it, else CPU with one warning. Stateless.
 */
public final class ComputeDevice {
    private ComputeDevice() {
    }

    /**
     * @param forceCpu never use a GPU
     * @param warn     receives one message if a GPU was present but unusable
     */
    public static Device choose(boolean forceCpu, Consumer<String> warn) {
        if (forceCpu) {
            return Device.cpu();
        }
        Engine engine = Engine.getEngine("PyTorch");
        if (engine.getGpuCount() <= 0) {
            return Device.cpu();
        }
        Device gpu = Device.gpu();
        try (NDManager m = NDManager.newBaseManager(gpu, engine.getEngineName())) {
            m.ones(new ai.djl.ndarray.types.Shape(2, 2)).add(1).toFloatArray();
            return gpu;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            warn.accept("CUDA device found but not usable (" + e.getMessage() + "); computing on the CPU");
            return Device.cpu();
        }
    }
}
