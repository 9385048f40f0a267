package org.giggityflix.peer.osgi.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@code RankedTest} is responsible for proving the framework's order of services (higher {@code service.ranking}
 * first, then the older registration) and the names the services go by.
 */
class RankedTest {

    @Test
    void higherRankingWinsThenTheOlderService() {
        List<Ranked<String>> services = new ArrayList<>(List.of(
                Ranked.of("young", Map.of("service.id", 9L)),
                Ranked.of("ranked", Map.of("service.id", 12L, "service.ranking", 5)),
                Ranked.of("old", Map.of("service.id", 3L)),
                Ranked.of("demoted", Map.of("service.id", 1L, "service.ranking", -1))));

        services.sort(Ranked.bestFirst());

        assertEquals(List.of("ranked", "old", "young", "demoted"), services.stream().map(Ranked::service).toList());
    }

    @Test
    void missingOrOddPropertiesCountAsRankingZeroAndTheNewest() {
        Ranked<String> none = Ranked.of("none", null);
        Ranked<String> odd = Ranked.of("odd", Map.of("service.ranking", "7", "service.id", "x"));

        assertEquals(0, none.ranking());
        assertEquals(Long.MAX_VALUE, none.serviceId());
        assertEquals(Map.of(), none.properties());
        assertEquals(0, odd.ranking(), "a non-Integer ranking is ignored, as the framework does");
        assertEquals(Long.MAX_VALUE, odd.serviceId());
    }

    @Test
    void theNameIsTheComponentNameElseTheClassName() {
        assertEquals("org.example.Y4mThumbnailProvider",
                Ranked.of("x", Map.of(Ranked.COMPONENT_NAME, "org.example.Y4mThumbnailProvider")).name());
        assertEquals(String.class.getName(), Ranked.of("x", Map.of("service.id", 1L)).name());
    }
}
