package io.dynasplit.scheduler.store;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code GET /fronts}: which Pareto fronts this scheduler holds, for operators and for start-up checks. */
@Path("/fronts")
public class FrontsResource {

    /** One held front: its key (model@deviceClass), version, size, and runtime feedback observed so far. */
    public record HeldFront(String key, long version, int entries, long indexRebuilds) {
    }

    @Inject
    ParetoStore store;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<HeldFront> fronts() {
        return store.held();
    }
}
