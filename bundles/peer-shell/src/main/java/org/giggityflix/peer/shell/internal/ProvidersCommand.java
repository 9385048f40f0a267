package org.giggityflix.peer.shell.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;

/**
 * {@code ProvidersCommand} is responsible for {@code peer:providers}: every installed plugin service and the bundle
 * it comes from, so an owner can see what a hot deploy added or removed.
 */
@Service
@Command(scope = "peer", name = "providers",
        description = "Lists the installed plugins: HashProvider (algorithm), MediaProbe, ThumbnailProvider and "
                + "FrameSource (file extensions), StreamingTransport (transport name), with service ranking and bundle.")
public class ProvidersCommand implements Action {

    @Reference
    BundleContext bundleContext;

    @Override
    public Object execute() {
        run(System.out);
        return null;
    }

    void run(PrintStream out) {
        List<ProviderInfo> providers = new ProviderServices(bundleContext).list();
        ShellTable table = new ShellTable().emptyTableText("No providers installed.");
        table.column("Type");
        table.column("Name");
        table.column("Ranking").alignRight();
        table.column("Bundle");
        table.column("Id").alignRight();
        table.column("Version");
        providers.forEach(p -> table.addRow()
                .addContent(p.type(), p.name(), p.ranking(), p.bundle(), p.bundleId(), p.version()));
        table.print(out);
    }
}
