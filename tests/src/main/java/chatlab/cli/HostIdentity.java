package chatlab.cli;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * This machine's name and address, printed as the seeds print them: {@code myhost (192.168.1.5)}.
 *
 * <p>The seeds print {@code gethostbyname(gethostname())}, which on many Linux machines is a loopback
 * address that classmates cannot use; where that happens the first LAN address of an interface that
 * is up is shown instead, the one to give them with {@code --bind 0.0.0.0}.
 */
final class HostIdentity {
    private HostIdentity() {
    }

    static String describe() {
        String name;
        InetAddress address;
        try {
            InetAddress local = InetAddress.getLocalHost();
            name = local.getHostName();
            address = local;
        } catch (UnknownHostException e) {
            name = Optional.ofNullable(System.getenv("HOSTNAME")).or(() -> Optional.ofNullable(System.getenv("COMPUTERNAME")))
                    .orElse("localhost");
            address = null;
        }
        if (address == null || address.isLoopbackAddress()) {
            address = lanAddress().orElse(address);
        }
        return name + " (" + (address == null ? "no network address" : address.getHostAddress()) + ")";
    }

    private static Optional<InetAddress> lanAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(HostIdentity::usable)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean usable(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback() && !network.isVirtual();
        } catch (SocketException e) {
            return false;
        }
    }
}
