package io.floatwatch.testkit.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated AWS on 127.0.0.1 that the real AWS SDK clients talk to through
 * {@code endpointOverride(simulator.endpoint())}. It serves EC2 (EC2 Query, XML), FSx (JSON 1.1),
 * CloudWatch (Query {@code 2010-08-01}, JSON 1.0 or RPC v2 CBOR, told apart by content type and
 * {@code smithy-protocol} header, so it outlives an SDK upgrade that moves CloudWatch off Query) and
 * STS (Query) on one port; {@link #requests()} says which {@link WireProtocol} each request came in.
 * The SigV4 credential scope of each request names the region and the service, so one endpoint serves every service and
 * region; its access key names the account: keys issued by a simulated AssumeRole belong to the
 * role's account, any other key to the default account. Signatures are not checked, but a session
 * issued by AssumeRole is: once it expired (its Expiration passed, or {@link #expireSessions}) every
 * service refuses it in its own wire format (EC2 400 RequestExpired, FSx 400 ExpiredTokenException,
 * CloudWatch 400 ExpiredToken).
 *
 * <p>Scenario verbs ({@link #throttleNext}, {@link #malformedNext}, {@link #failNext}, and
 * {@link #passNext} to let calls through before a fault) queue faults per operation name, e.g.
 * {@code "DescribeRouteTables"}; they apply to any region.
 * {@link #slowRegion} delays every answer for one region, beyond a client's timeout.
 * {@link #expireSessions} and {@link #denyRole} break an assumed role: its sessions, or AssumeRole itself.
 */
public final class AwsSimulator implements AutoCloseable {

    public static final String DEFAULT_ACCOUNT = "123456789012";
    /** Large enough that nothing paginates unless a test asks for small pages. */
    static final int DEFAULT_PAGE_SIZE = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(AwsSimulator.class);
    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request");

    private final HttpServer server;
    private final ExecutorService executor;
    private final String accountId;
    private final Map<String, SimulatedRegion> regions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
    private final Faults faults = new Faults();
    private final Ec2Protocol ec2 = new Ec2Protocol();
    private final FsxProtocol fsx = new FsxProtocol();
    private final CloudWatchService cloudWatchService = new CloudWatchService();
    private final CloudWatchProtocol cloudWatchQuery = new CloudWatchProtocol(cloudWatchService);
    private final CloudWatchDocumentProtocol cloudWatchJson = CloudWatchDocumentProtocol.json(cloudWatchService);
    private final CloudWatchDocumentProtocol cloudWatchCbor = CloudWatchDocumentProtocol.cbor(cloudWatchService);
    private final StsProtocol sts = new StsProtocol();
    private final Map<String, Duration> slowRegions = new ConcurrentHashMap<>();
    private final List<Request> requestLog = new CopyOnWriteArrayList<>();
    private volatile int pageSize = DEFAULT_PAGE_SIZE;

    private AwsSimulator(String accountId) throws IOException {
        this.accountId = accountId;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Unbounded: a slow region's sleeping answers must not hold up the other regions.
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "aws-simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a simulator for account {@value #DEFAULT_ACCOUNT} on an ephemeral loopback port. */
    public static AwsSimulator start() {
        return start(DEFAULT_ACCOUNT);
    }

    public static AwsSimulator start(String accountId) {
        try {
            AwsSimulator simulator = new AwsSimulator(accountId);
            LOG.info("simulated AWS account {} at {}", accountId, simulator.endpoint());
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the AWS simulator", e);
        }
    }

    /** The endpoint to pass to {@code endpointOverride} for every service and region. */
    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    public String accountId() {
        return accountId;
    }

    /** The state of one region of the default account, created empty on first use. */
    public SimulatedRegion region(String name) {
        return region(accountId, name);
    }

    /** The state of one region of another account, reached through a role assumed with STS. */
    public SimulatedRegion region(String account, String name) {
        return regions.computeIfAbsent(account + "/" + name, k -> new SimulatedRegion(name, account));
    }

    /** AssumeRole of {@code roleArn} succeeds from now on, requiring {@code externalId} when not null; other roles are denied. */
    public AwsSimulator allowRole(String roleArn, String externalId) {
        sts.allow(roleArn, externalId);
        return this;
    }

    /**
     * AssumeRole of {@code roleArn} is denied from now on (403 AccessDenied, as when the role's trust
     * policy no longer names the caller) until {@link #allowRole} allows it again. Sessions issued
     * before stay valid until they expire.
     */
    public AwsSimulator denyRole(String roleArn) {
        sts.deny(roleArn);
        return this;
    }

    /**
     * Every session issued so far for roles in {@code account} expires now, long before the
     * Expiration the client was given: what a client whose clock runs behind, or that was
     * suspended past the session's end, runs into. Requests signed with them are refused; a new
     * AssumeRole gets a session that works. Other accounts' sessions are untouched.
     *
     * @return how many sessions were still accepted and are now expired
     */
    public int expireSessions(String account) {
        return sts.expire(account);
    }

    /** Sessions issued for {@code roleArn} that requests could still be signed with now. */
    public int liveSessions(String roleArn) {
        return sts.liveSessions(roleArn);
    }

    /** Credentials issued by AssumeRole expire after this (default 1 h), so tests can watch a refresh. */
    public AwsSimulator credentialLifetime(Duration lifetime) {
        sts.lifetime(lifetime);
        return this;
    }

    /** AssumeRole requests received for {@code roleArn}, denied ones included. */
    public int assumeRoleCount(String roleArn) {
        return sts.assumeCount(roleArn);
    }

    /** Every request signed for {@code region} is answered only after {@code delay}: a region that times out. */
    public AwsSimulator slowRegion(String region, Duration delay) {
        slowRegions.put(region, delay);
        return this;
    }

    public AwsSimulator clearSlowRegions() {
        slowRegions.clear();
        return this;
    }

    /** One received request: what arrived, in which wire protocol, for whom, and when (System.nanoTime). */
    public record Request(String service, String operation, String account, String region, long nanoTime,
            WireProtocol protocol) {
    }

    /** Every request received since start or the last reset, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requestLog);
    }

    /**
     * The next {@code times} calls of {@code operation} are answered normally, and a fault queued after
     * this hits the call after them: {@code passNext("DescribeRouteTables", 4).failNext(...)} fails the
     * fifth page of a paginated read.
     */
    public AwsSimulator passNext(String operation, int times) {
        faults.add(operation, new Faults.Pass(), times);
        return this;
    }

    /** The next {@code times} calls of {@code operation} are throttled (EC2: 503 RequestLimitExceeded; FSx: 400 ThrottlingException). */
    public AwsSimulator throttleNext(String operation, int times) {
        faults.add(operation, new Faults.Throttle(), times);
        return this;
    }

    /** The next call of {@code operation} answers 200 with its body cut in half. */
    public AwsSimulator malformedNext(String operation) {
        return malformedNext(operation, 1);
    }

    public AwsSimulator malformedNext(String operation, int times) {
        faults.add(operation, new Faults.Malformed(), times);
        return this;
    }

    /** The next call of {@code operation} fails with this HTTP status and AWS error code. */
    public AwsSimulator failNext(String operation, int httpStatus, String code) {
        return failNext(operation, httpStatus, code, 1);
    }

    public AwsSimulator failNext(String operation, int httpStatus, String code, int times) {
        faults.add(operation, new Faults.Fail(httpStatus, code), times);
        return this;
    }

    /** Caps every page at {@code size} items, whatever MaxResults asks for, so tests see several pages. */
    public AwsSimulator pageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("page size must be >= 1, was " + size);
        }
        this.pageSize = size;
        return this;
    }

    /** HTTP requests received for {@code operation} in any region, faulted ones included. */
    public int requestCount(String operation) {
        AtomicInteger count = requestCounts.get(operation);
        return count == null ? 0 : count.get();
    }

    /** Forgets queued faults and counts; the state of the regions stays. */
    public void resetFaultsAndCounts() {
        faults.clear();
        requestCounts.clear();
        requestLog.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            SimResponse response = respond(exchange, body);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (RuntimeException e) {
            LOG.error("simulator failed to answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            throw e;
        }
    }

    private SimResponse respond(HttpExchange exchange, byte[] body) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Optional<Matcher> scope = credentialScope(authorization);
        Protocol protocol = protocol(exchange, scope.map(m -> m.group(3)).orElse(null));
        Map<String, String> form = protocol.wire == WireProtocol.EC2_QUERY || protocol.wire == WireProtocol.AWS_QUERY
                ? Ec2Protocol.parseForm(new String(body, StandardCharsets.UTF_8)) : Map.of();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String path = exchange.getRequestURI().getPath();
        String operation = switch (protocol) {
            case FSX -> FsxProtocol.operation(target);
            case CLOUDWATCH_JSON, CLOUDWATCH_CBOR -> CloudWatchDocumentProtocol.operation(protocol.wire, path, target);
            case EC2, CLOUDWATCH_QUERY, STS -> form.getOrDefault("Action", "");
            case UNSUPPORTED -> target != null ? target : path;
        };
        requestCounts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();

        if (scope.isEmpty()) {
            return error(protocol, protocol == Protocol.EC2 ? 401 : 403,
                    protocol == Protocol.EC2 ? "AuthFailure" : "MissingAuthenticationTokenException", "Request is missing Authentication Token");
        }
        String region = scope.get().group(2);
        String account = sts.accountOf(scope.get().group(1)).orElse(accountId);
        requestLog.add(new Request(scope.get().group(3), operation, account, region, System.nanoTime(), protocol.wire));
        // Authentication comes first, as in AWS: an expired session is refused before anything else happens.
        StsProtocol.Validity validity = sts.validity(scope.get().group(1), exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"));
        if (validity != StsProtocol.Validity.VALID) {
            return refused(protocol, validity);
        }
        Duration delay = slowRegions.get(region);
        if (delay != null) {
            sleep(delay);
        }
        Optional<Faults.Fault> fault = faults.next(operation).filter(f -> !(f instanceof Faults.Pass));
        if (fault.isPresent() && fault.get() instanceof Faults.Throttle) {
            return switch (protocol) {
                case EC2 -> Ec2Protocol.throttled();
                case FSX -> FsxProtocol.throttled();
                case CLOUDWATCH_QUERY -> CloudWatchProtocol.throttled();
                case CLOUDWATCH_JSON -> cloudWatchJson.throttled();
                case CLOUDWATCH_CBOR -> cloudWatchCbor.throttled();
                case STS, UNSUPPORTED -> StsProtocol.error(400, "Throttling", "Rate exceeded");
            };
        }
        if (fault.isPresent() && fault.get() instanceof Faults.Fail fail) {
            return error(protocol, fail.status(), fail.code(), "Simulated " + fail.code() + " for " + operation);
        }
        SimulatedRegion state = region(account, region);
        SimResponse response = switch (protocol) {
            case EC2 -> ec2.handle(state, form, pageSize);
            case FSX -> fsx.handle(state, target, body, pageSize);
            case CLOUDWATCH_QUERY -> cloudWatchQuery.handle(state, form, pageSize);
            case CLOUDWATCH_JSON -> cloudWatchJson.handle(state, operation, body, pageSize);
            case CLOUDWATCH_CBOR -> cloudWatchCbor.handle(state, operation, body, pageSize);
            case STS -> sts.handle(form);
            case UNSUPPORTED -> FsxProtocol.error(400, "UnknownOperationException",
                    "The simulator does not know this wire protocol: " + exchange.getRequestMethod() + " " + path
                            + ", Content-Type " + exchange.getRequestHeaders().getFirst("Content-Type")
                            + ", smithy-protocol " + exchange.getRequestHeaders().getFirst("smithy-protocol")
                            + ", signed for " + scope.get().group(3));
        };
        return fault.isPresent() ? response.truncated() : response;
    }

    /** Which service answers a request, and in which wire protocol. */
    private enum Protocol {
        EC2(WireProtocol.EC2_QUERY), FSX(WireProtocol.AWS_JSON_1_1), CLOUDWATCH_QUERY(WireProtocol.AWS_QUERY),
        CLOUDWATCH_JSON(WireProtocol.AWS_JSON_1_0), CLOUDWATCH_CBOR(WireProtocol.RPC_V2_CBOR), STS(WireProtocol.AWS_QUERY),
        UNSUPPORTED(WireProtocol.UNKNOWN);

        final WireProtocol wire;

        Protocol(WireProtocol wire) {
            this.wire = wire;
        }
    }

    /**
     * Told apart the way AWS's front ends tell them apart: the {@code smithy-protocol} header and the
     * content type, never the SDK version. CloudWatch is recognised by its signing name
     * ({@code monitoring}), its RPC v2 path or its JSON target, so even an unsigned request gets its
     * error in the wire format it was sent in.
     */
    private static Protocol protocol(HttpExchange exchange, String signingService) {
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        String smithyProtocol = exchange.getRequestHeaders().getFirst("smithy-protocol");
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String path = exchange.getRequestURI().getPath();
        if (target != null && target.startsWith(FsxProtocol.TARGET_PREFIX)) {
            return Protocol.FSX;
        }
        boolean cloudWatch = "monitoring".equals(signingService) || path.startsWith(CloudWatchDocumentProtocol.CBOR_PATH_PREFIX)
                || (target != null && target.startsWith(CloudWatchDocumentProtocol.JSON_TARGET_PREFIX));
        if (cloudWatch) {
            if ("rpc-v2-cbor".equals(smithyProtocol) || contentType.startsWith(CloudWatchDocumentProtocol.CBOR)) {
                return Protocol.CLOUDWATCH_CBOR;
            }
            if (contentType.startsWith(CloudWatchDocumentProtocol.JSON_1_0)) {
                return Protocol.CLOUDWATCH_JSON;
            }
            return contentType.startsWith("application/x-www-form-urlencoded") ? Protocol.CLOUDWATCH_QUERY : Protocol.UNSUPPORTED;
        }
        if ("sts".equals(signingService)) {
            return Protocol.STS;
        }
        return target != null ? Protocol.FSX : Protocol.EC2;
    }

    private SimResponse refused(Protocol protocol, StsProtocol.Validity validity) {
        boolean expired = validity == StsProtocol.Validity.EXPIRED;
        return switch (protocol) {
            case EC2 -> expired ? Ec2Protocol.expiredToken() : Ec2Protocol.invalidToken();
            case FSX, UNSUPPORTED -> expired ? FsxProtocol.expiredToken() : FsxProtocol.invalidToken();
            case CLOUDWATCH_QUERY -> expired ? CloudWatchProtocol.expiredToken() : CloudWatchProtocol.invalidToken();
            case CLOUDWATCH_JSON -> expired ? cloudWatchJson.expiredToken() : cloudWatchJson.invalidToken();
            case CLOUDWATCH_CBOR -> expired ? cloudWatchCbor.expiredToken() : cloudWatchCbor.invalidToken();
            case STS -> expired ? StsProtocol.expiredToken() : StsProtocol.invalidToken();
        };
    }

    private SimResponse error(Protocol protocol, int status, String code, String message) {
        return switch (protocol) {
            case EC2 -> Ec2Protocol.error(status, code, message);
            case FSX, UNSUPPORTED -> FsxProtocol.error(status, code, message);
            case CLOUDWATCH_QUERY -> CloudWatchProtocol.error(status, code, message);
            case CLOUDWATCH_JSON -> cloudWatchJson.error(status, code, message);
            case CLOUDWATCH_CBOR -> cloudWatchCbor.error(status, code, message);
            case STS -> StsProtocol.error(status, code, message);
        };
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Matcher> credentialScope(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher m = CREDENTIAL_SCOPE.matcher(authorization);
        return m.find() ? Optional.of(m) : Optional.empty();
    }

    static Optional<String> signingRegion(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        return credentialScope(authorization).map(m -> m.group(2));
    }
}
