package dev.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.scala.DefaultScalaModule$;
import dev.rnnkit.config.ConfigLoader;
import org.junit.jupiter.api.Test;

/**
 * toolkit-core's YAML configs still load with the Jackson this module resolves (2.17.2 from the root jackson-bom, with
 * Spark's jackson-module-scala_2.12 managed to 2.17.2 too), and Spark's Scala module accepts that databind.
 */
class CoreOnSparkClasspathTest {

    @Test
    void shippedConfigsLoad() throws Exception {
        List<Path> configs;
        try (Stream<Path> s = Files.list(Paths.get("..", "configs"))) {
            configs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
        assertFalse(configs.isEmpty());
        for (Path config : configs) {
            assertNotNull(ConfigLoader.load(config), config.toString());
        }
    }

    @Test
    void sparkScalaModuleAcceptsDatabind() {
        ObjectMapper mapper = new ObjectMapper().registerModule(DefaultScalaModule$.MODULE$);
        assertEquals("2.17.2", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        assertNotNull(mapper);
    }
}
