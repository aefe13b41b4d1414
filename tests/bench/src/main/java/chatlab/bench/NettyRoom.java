package chatlab.bench;

import chatlab.protocol.Protocol;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The room of stage 3 (the same protocol: {@code NICK}, {@code joined!}, {@code Connected to
 * server!}, {@code <nick>: <text>}, {@code left!}, {@code [bye]}) written the way a professional
 * would reach for: on Netty, event-driven, with no thread per client. It is the benchmark's yardstick,
 * not part of the lab.
 *
 * <p>The whole room runs on one event loop, one thread: every channel's reads, the member list, every
 * write. So the room needs no lock, and every member's writes are queued in the one order the events
 * happen (with several loops, a write from another loop's thread would be handed over as a task,
 * and two members could see two events in different orders). A line is encoded once; each member
 * collects the lines it gets in a buffer of its own, written and flushed once per turn of the loop:
 * one write, and one system call, carry all that a member got meanwhile (a write per line per member,
 * even of one shared buffer, costs Netty an object or three each, and three times the processor).
 *
 * <p>Unlike stage 4, a member that stops reading is not dropped: Netty queues for it without bound.
 */
final class NettyRoom implements HostedServer {
    private static final int BACKLOG = 50;        // as StageHost.listen: the JDK's default
    private static final int MAX_LINE_BYTES = 1024;
    private static final int BYE_LENGTH = Protocol.BYE.getBytes(StandardCharsets.UTF_8).length;

    private final EventLoopGroup loop = new NioEventLoopGroup(1, new DefaultThreadFactory("netty-room"));
    private final Channel listener;
    // Touched only on the loop's thread:
    private final List<Member> members = new ArrayList<>();
    private final List<Member> unflushed = new ArrayList<>();
    private boolean flushScheduled;

    NettyRoom() throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new LineBasedFrameDecoder(MAX_LINE_BYTES), new Member(channel));
                    }
                });
        listener = bootstrap.bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    }

    @Override
    public int port() {
        return ((java.net.InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public int threads() {
        return loop.isTerminated() ? 0 : 1;
    }

    @Override
    public int stop() throws InterruptedException {
        listener.close().sync();
        loop.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(30, TimeUnit.SECONDS);
        return threads();
    }

    /** One connection: the nickname first, then its lines. */
    private final class Member extends ChannelInboundHandlerAdapter {
        private final Channel channel;
        private byte[] prefix;  // "<nick>: ", once the nickname is known
        private String nick;
        private ByteBuf pending; // lines queued since the last flush, or null

        Member(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void channelActive(ChannelHandlerContext context) {
            send(line(Protocol.NICK));
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            ByteBuf frame = (ByteBuf) message; // one line, without its \n (or \r\n)
            try {
                if (nick == null) {
                    nick = frame.toString(StandardCharsets.UTF_8);
                    prefix = (nick + ": ").getBytes(StandardCharsets.UTF_8);
                    members.add(this);
                    broadcast(line(Protocol.joined(nick)));
                    send(line(Protocol.CONNECTED));
                } else if (frame.readableBytes() == BYE_LENGTH && frame.toString(StandardCharsets.UTF_8).equals(Protocol.BYE)) {
                    channel.close();
                } else if (frame.isReadable()) {
                    byte[] said = new byte[prefix.length + frame.readableBytes() + 1];
                    System.arraycopy(prefix, 0, said, 0, prefix.length);
                    frame.readBytes(said, prefix.length, frame.readableBytes());
                    said[said.length - 1] = '\n';
                    broadcast(said);
                }
            } finally {
                frame.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            if (pending != null) {
                pending.release();
                pending = null;
            }
            if (nick != null && members.remove(this)) {
                broadcast(line(Protocol.left(nick)));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            channel.close(); // a reset, a line too long: the member leaves
        }

        /**
         * Queues {@code line} for this member, copied into its pending buffer: a write per member per
         * turn of the loop, however many lines it got meanwhile.
         */
        private void send(byte[] line) {
            if (!channel.isActive()) {
                return;
            }
            if (pending == null) {
                pending = channel.alloc().buffer(Math.max(256, line.length));
                unflushed.add(this);
                if (!flushScheduled) {
                    flushScheduled = true;
                    channel.eventLoop().execute(NettyRoom.this::flush);
                }
            }
            pending.writeBytes(line);
        }

        private void flush() {
            channel.writeAndFlush(pending, channel.voidPromise());
            pending = null;
        }
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Sends {@code line} to every member. */
    private void broadcast(byte[] line) {
        for (Member member : members) {
            member.send(line);
        }
    }

    /** Writes what every member got in this turn of the loop: runs once per turn, after the reads. */
    private void flush() {
        flushScheduled = false;
        for (Member member : unflushed) {
            if (member.pending != null) {
                member.flush();
            }
        }
        unflushed.clear();
    }
}
