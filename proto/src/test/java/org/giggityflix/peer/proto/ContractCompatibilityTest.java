package org.giggityflix.peer.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;

/**
 * {@code ContractCompatibilityTest} is responsible for proving that the project's proto/ files keep every part of
 * the Edge's published contract unchanged on the wire, so an Edge built from its original files talks to us.
 *
 * <p>Both descriptor sets are written by protoc during the Maven build (see this module's pom): the fixture from
 * {@code shared/edge-contract} beside the repository, ours from {@code src/main/proto}.
 */
class ContractCompatibilityTest {

    private static final String PACKAGE = "giggityflix_grpc_peer";

    private static FileDescriptorSet fixture;
    private static FileDescriptorSet ours;

    @BeforeAll
    static void loadDescriptorSets() throws IOException {
        Path contractDir = Path.of(System.getProperty("edge.contract.dir", "../../shared/edge-contract"));
        if (!Files.isDirectory(contractDir)) {
            fail("The Edge's published contract is missing: expected its .proto files in " + contractDir.toAbsolutePath()
                    + " (shared/edge-contract must sit beside the repository clone). Without it wire"
                    + " compatibility cannot be checked.");
        }
        fixture = read("edge.fixture.descriptor", "the Edge contract in " + contractDir);
        ours = read("peer.contract.descriptor", "proto/src/main/proto");
    }

    private static FileDescriptorSet read(String property, String what) throws IOException {
        Path file = Path.of(System.getProperty(property, "target/missing-" + property));
        if (!Files.isRegularFile(file)) {
            fail("No descriptor set for " + what + " at " + file + ": protoc did not compile it (run the Maven build"
                    + " of proto/, which writes it before the tests)");
        }
        return FileDescriptorSet.parseFrom(Files.readAllBytes(file));
    }

    @Test
    void fixtureIsWhatWeThinkItIs() {
        // Guards the comparison itself: an empty or foreign fixture would make every other check vacuous.
        Map<String, DescriptorProto> messages = messagesByName(fixture);
        assertTrue(messages.containsKey("." + PACKAGE + ".PeerMessage"), "fixture has PeerMessage");
        assertTrue(messages.size() >= 20, "fixture messages: " + messages.keySet());
        assertFalse(services(fixture).isEmpty(), "fixture declares PeerEdgeService");
    }

    @Test
    void everyFixtureMessageAndFieldExistsUnchanged() {
        Map<String, DescriptorProto> ourMessages = messagesByName(ours);
        List<String> problems = new ArrayList<>();
        messagesByName(fixture).forEach((name, theirs) -> {
            DescriptorProto mine = ourMessages.get(name);
            if (mine == null) {
                problems.add("message " + name + " is missing");
                return;
            }
            compareFields(name, theirs, mine, problems);
        });
        assertTrue(problems.isEmpty(), "wire incompatibilities:\n" + String.join("\n", problems));
    }

    private static void compareFields(String message, DescriptorProto theirs, DescriptorProto mine,
                                      List<String> problems) {
        Map<String, FieldDescriptorProto> mineByName = new HashMap<>();
        mine.getFieldList().forEach(f -> mineByName.put(f.getName(), f));
        for (FieldDescriptorProto field : theirs.getFieldList()) {
            FieldDescriptorProto our = mineByName.get(field.getName());
            String where = message + "." + field.getName();
            if (our == null) {
                problems.add(where + " is missing");
                continue;
            }
            same(problems, where, "number", field.getNumber(), our.getNumber());
            same(problems, where, "type", field.getType(), our.getType());
            same(problems, where, "label", field.getLabel(), our.getLabel());
            same(problems, where, "type name", field.getTypeName(), our.getTypeName());
            same(problems, where, "proto3 optional", field.getProto3Optional(), our.getProto3Optional());
            same(problems, where, "oneof", oneofName(theirs, field), oneofName(mine, our));
        }
        for (FieldDescriptorProto added : mine.getFieldList()) {
            boolean inFixture = theirs.getFieldList().stream().anyMatch(f -> f.getName().equals(added.getName()));
            if (!inFixture && added.getNumber() < 16) {
                problems.add(message + "." + added.getName() + " is a project addition numbered below 16");
            }
        }
    }

    private static String oneofName(DescriptorProto message, FieldDescriptorProto field) {
        if (!field.hasOneofIndex() || field.getProto3Optional()) {
            return "";
        }
        return message.getOneofDecl(field.getOneofIndex()).getName();
    }

    @Test
    void everyFixtureEnumValueExistsUnchanged() {
        Map<String, EnumDescriptorProto> ourEnums = enumsByName(ours);
        List<String> problems = new ArrayList<>();
        enumsByName(fixture).forEach((name, theirs) -> {
            EnumDescriptorProto mine = ourEnums.get(name);
            if (mine == null) {
                problems.add("enum " + name + " is missing");
                return;
            }
            for (EnumValueDescriptorProto value : theirs.getValueList()) {
                boolean present = mine.getValueList().stream()
                        .anyMatch(v -> v.getName().equals(value.getName()) && v.getNumber() == value.getNumber());
                if (!present) {
                    problems.add(name + "." + value.getName() + " = " + value.getNumber() + " is missing or renumbered");
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyFixtureServiceAndRpcExistsUnchanged() {
        Map<String, ServiceDescriptorProto> ourServices = services(ours);
        List<String> problems = new ArrayList<>();
        services(fixture).forEach((name, theirs) -> {
            ServiceDescriptorProto mine = ourServices.get(name);
            if (mine == null) {
                problems.add("service " + name + " is missing");
                return;
            }
            for (MethodDescriptorProto rpc : theirs.getMethodList()) {
                MethodDescriptorProto our = mine.getMethodList().stream()
                        .filter(m -> m.getName().equals(rpc.getName())).findFirst().orElse(null);
                String where = name + "/" + rpc.getName();
                if (our == null) {
                    problems.add("rpc " + where + " is missing");
                    continue;
                }
                same(problems, where, "input", rpc.getInputType(), our.getInputType());
                same(problems, where, "output", rpc.getOutputType(), our.getOutputType());
                same(problems, where, "client streaming", rpc.getClientStreaming(), our.getClientStreaming());
                same(problems, where, "server streaming", rpc.getServerStreaming(), our.getServerStreaming());
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void generatedServiceUsesTheFixtureServiceName() {
        // The full method name is what travels on the wire (the HTTP/2 path).
        assertEquals(PACKAGE + ".PeerEdgeService/AsyncOperations",
                PeerEdgeServiceGrpc.getAsyncOperationsMethod().getFullMethodName());
        assertEquals(PACKAGE + ".PeerEdgeService/WebRTCOperations",
                PeerEdgeServiceGrpc.getWebRTCOperationsMethod().getFullMethodName());
    }

    @Test
    void fixtureMessageParsesWithOurClassesAndBack() throws Exception {
        Descriptor fixtureEdgeMessage = fileDescriptors(fixture).values().stream()
                .map(f -> f.findMessageTypeByName("EdgeMessage")).filter(d -> d != null).findFirst().orElseThrow();
        Descriptor hashRequest = fixtureEdgeMessage.findFieldByName("file_hash_request").getMessageType();
        DynamicMessage theirs = DynamicMessage.newBuilder(fixtureEdgeMessage)
                .setField(fixtureEdgeMessage.findFieldByName("request_id"), "req-42")
                .setField(fixtureEdgeMessage.findFieldByName("edge_id"), "edge-7")
                .setField(fixtureEdgeMessage.findFieldByName("file_hash_request"), DynamicMessage.newBuilder(hashRequest)
                        .setField(hashRequest.findFieldByName("catalog_id"), "cat-1")
                        .addRepeatedField(hashRequest.findFieldByName("hash_types"), "md5")
                        .addRepeatedField(hashRequest.findFieldByName("hash_types"), "sha1")
                        .build())
                .build();

        EdgeMessage parsed = EdgeMessage.parseFrom(theirs.toByteArray());
        assertEquals("req-42", parsed.getRequestId());
        assertEquals("edge-7", parsed.getEdgeId());
        assertEquals(EdgeMessage.PayloadCase.FILE_HASH_REQUEST, parsed.getPayloadCase());
        assertEquals("cat-1", parsed.getFileHashRequest().getCatalogId());
        assertEquals(List.of("md5", "sha1"), parsed.getFileHashRequest().getHashTypesList());
        assertTrue(parsed.getUnknownFields().asMap().isEmpty(), "nothing the fixture wrote is unknown to us");

        DynamicMessage back = DynamicMessage.parseFrom(fixtureEdgeMessage, parsed.toByteArray());
        assertEquals(theirs, back);
    }

    @Test
    void ourAnswerParsesWithTheFixtureAndOriginalCasesKeepTheirMeaning() throws Exception {
        Descriptor fixturePeerMessage = fileDescriptors(fixture).values().stream()
                .map(f -> f.findMessageTypeByName("PeerMessage")).filter(d -> d != null).findFirst().orElseThrow();
        PeerMessage ours = PeerMessage.newBuilder().setRequestId("req-42")
                .setFileHashResponse(FileHashResponse.newBuilder().setCatalogId("cat-1").setSuccess(true)
                        .putHashes("md5", "d41d8cd98f00b204e9800998ecf8427e")
                        .setError(CatalogErrorReason.FILE_GONE)
                        .addUnknownHashTypes("blake9"))
                .build();

        DynamicMessage theirs = DynamicMessage.parseFrom(fixturePeerMessage, ours.toByteArray());
        assertEquals("req-42", theirs.getField(fixturePeerMessage.findFieldByName("request_id")));
        DynamicMessage response = (DynamicMessage) theirs.getField(fixturePeerMessage.findFieldByName("file_hash_response"));
        assertEquals("cat-1", response.getField(response.getDescriptorForType().findFieldByName("catalog_id")));
        assertEquals(true, response.getField(response.getDescriptorForType().findFieldByName("success")));
        assertEquals("FILE_GONE", response.getField(response.getDescriptorForType().findFieldByName("error")).toString());
        // Our addition (field 16) is an unknown field to an original Edge, not an error.
        assertTrue(response.getUnknownFields().hasField(16));

        assertEquals(ours, PeerMessage.parseFrom(theirs.toByteArray()));
    }

    @Test
    void projectOneofAdditionsAreUnknownButHarmlessToAnOriginalEdge() throws Exception {
        Descriptor fixturePeerMessage = fileDescriptors(fixture).values().stream()
                .map(f -> f.findMessageTypeByName("PeerMessage")).filter(d -> d != null).findFirst().orElseThrow();
        PeerMessage heartbeat = PeerMessage.newBuilder().setRequestId("hb-1")
                .setHeartbeat(PeerHeartbeat.newBuilder().setFilesCataloged(3)).build();
        DynamicMessage theirs = DynamicMessage.parseFrom(fixturePeerMessage, heartbeat.toByteArray());
        assertEquals("hb-1", theirs.getField(fixturePeerMessage.findFieldByName("request_id")));
        assertTrue(theirs.getUnknownFields().hasField(PeerMessage.HEARTBEAT_FIELD_NUMBER));
    }

    private static void same(List<String> problems, String where, String what, Object theirs, Object ours) {
        if (!theirs.equals(ours)) {
            problems.add(where + ": " + what + " is " + ours + " here, " + theirs + " in the Edge contract");
        }
    }

    private static Map<String, DescriptorProto> messagesByName(FileDescriptorSet set) {
        Map<String, DescriptorProto> byName = new HashMap<>();
        for (FileDescriptorProto file : set.getFileList()) {
            if (file.getPackage().equals(PACKAGE)) {
                file.getMessageTypeList().forEach(m -> collect("." + file.getPackage(), m, byName));
            }
        }
        return byName;
    }

    private static void collect(String scope, DescriptorProto message, Map<String, DescriptorProto> byName) {
        String name = scope + "." + message.getName();
        byName.put(name, message);
        message.getNestedTypeList().forEach(nested -> collect(name, nested, byName));
    }

    private static Map<String, EnumDescriptorProto> enumsByName(FileDescriptorSet set) {
        Map<String, EnumDescriptorProto> byName = new HashMap<>();
        for (FileDescriptorProto file : set.getFileList()) {
            if (file.getPackage().equals(PACKAGE)) {
                file.getEnumTypeList().forEach(e -> byName.put("." + PACKAGE + "." + e.getName(), e));
            }
        }
        messagesByName(set).forEach((name, message) ->
                message.getEnumTypeList().forEach(e -> byName.put(name + "." + e.getName(), e)));
        return byName;
    }

    private static Map<String, ServiceDescriptorProto> services(FileDescriptorSet set) {
        Map<String, ServiceDescriptorProto> byName = new HashMap<>();
        for (FileDescriptorProto file : set.getFileList()) {
            file.getServiceList().forEach(s -> byName.put(file.getPackage() + "." + s.getName(), s));
        }
        return byName;
    }

    /** Builds live descriptors from a set whose files are listed dependencies first (as protoc writes them). */
    private static Map<String, FileDescriptor> fileDescriptors(FileDescriptorSet set) throws DescriptorValidationException {
        Map<String, FileDescriptor> built = new HashMap<>();
        for (FileDescriptorProto file : set.getFileList()) {
            FileDescriptor[] deps = file.getDependencyList().stream().map(built::get).toArray(FileDescriptor[]::new);
            built.put(file.getName(), FileDescriptor.buildFrom(file, deps));
        }
        return built;
    }
}
