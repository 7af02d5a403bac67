package io.floatwatch.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * deploy/iam shipped whole and in step: the collector's policy assumes exactly the roles the config
 * accepts, the member-account role (JSON and CloudFormation) grants the same reads and trusts only
 * the collector's role with the external id, and IRSA trusts only the collector's service account.
 */
class IamPolicyTest {

    private static final Path IAM = Path.of("../deploy/iam");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String file) throws IOException {
        return JSON.readTree(IAM.resolve(file).toFile());
    }

    private static TreeSet<String> actions(JsonNode statements) {
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode s : statements) {
            JsonNode a = s.path("Action");
            if (a.isArray()) {
                a.forEach(x -> out.add(x.asText()));
            } else {
                out.add(a.asText());
            }
        }
        return out;
    }

    @Test
    void shouldAssumeExactlyTheRolesTheConfigAcceptsWhenReadingThePolicy() throws IOException {
        List<JsonNode> assume = new ArrayList<>();
        json("floatwatch-read-policy.json").path("Statement").forEach(s -> {
            if (s.path("Action").asText().equals("sts:AssumeRole")) {
                assume.add(s);
            }
        });

        assertThat(assume).singleElement().satisfies(s -> assertThat(s.path("Resource").asText()).isEqualTo(AssumableRole.POLICY_RESOURCE));
        assertThat(AssumableRole.problems("r", "arn:aws:iam::210987654321:role/floatwatch-read", "210987654321")).isEmpty();
        assertThat(AssumableRole.problems("r", "arn:aws:iam::210987654321:role/reader", "210987654321")).singleElement()
                .asString().contains("cannot be assumed with the shipped IAM policy", AssumableRole.POLICY_RESOURCE);
    }

    @Test
    void shouldRefuseARoleInAnotherAccountOrUnderAPathWhenValidating() {
        assertThat(AssumableRole.problems("aws.accounts[1].roleArn", "arn:aws:iam::999999999999:role/floatwatch-read", "210987654321"))
                .containsExactly("aws.accounts[1].roleArn: 'arn:aws:iam::999999999999:role/floatwatch-read' is a role in account "
                        + "999999999999, but it is listed to read account 210987654321 (the role to assume lives in the account it reads)");
        assertThat(AssumableRole.problems("r", "arn:aws:iam::210987654321:role/ops/floatwatch-read", "210987654321")).hasSize(1);
        assertThat(AssumableRole.problems("r", "arn:aws:iam::210987654321:role/floatwatch-", "210987654321")).hasSize(1);
        assertThat(AssumableRole.problems("r", "not-an-arn", "210987654321")).singleElement().asString().contains("is not an IAM role ARN");
    }

    @Test
    void shouldGrantTheMemberAccountRoleTheSameReadsWithoutAssumeRole() throws IOException {
        TreeSet<String> collector = actions(json("floatwatch-read-policy.json").path("Statement"));
        collector.remove("sts:AssumeRole");
        TreeSet<String> member = actions(json("member-account-read-policy.json").path("Statement"));
        JsonNode cfn = new YAMLMapper().readTree(IAM.resolve("member-account-role.cfn.yaml").toFile());
        JsonNode role = cfn.at("/Resources/FloatwatchReadRole/Properties");
        TreeSet<String> cfnActions = actions(role.at("/Policies/0/PolicyDocument/Statement"));

        assertThat(member).isNotEmpty().isEqualTo(collector).noneMatch(a -> a.startsWith("sts:"));
        assertThat(cfnActions).isEqualTo(member);
        assertThat(member).allMatch(a -> a.matches("(ec2|fsx|cloudwatch):(Describe|Get|Search)[A-Za-z]+"));
    }

    @Test
    void shouldTrustOnlyTheCollectorsRoleWithTheExternalIdInTheMemberAccount() throws IOException {
        JsonNode trust = json("member-account-trust-policy.json").path("Statement");
        JsonNode cfn = new YAMLMapper().readTree(IAM.resolve("member-account-role.cfn.yaml").toFile());
        JsonNode cfnTrust = cfn.at("/Resources/FloatwatchReadRole/Properties/AssumeRolePolicyDocument/Statement");

        for (JsonNode statements : List.of(trust, cfnTrust)) {
            assertThat(statements).singleElement().satisfies(s -> {
                assertThat(s.path("Action").asText()).isEqualTo("sts:AssumeRole");
                assertThat(s.at("/Principal/AWS").toString()).contains(":role/");
                assertThat(s.at("/Condition/StringEquals").has("sts:ExternalId")).isTrue();
            });
        }
        String pattern = cfn.at("/Parameters/RoleName/AllowedPattern").asText();
        String name = cfn.at("/Parameters/RoleName/Default").asText();
        assertThat(name).matches(pattern);
        assertThat(AssumableRole.problems("r", "arn:aws:iam::210987654321:role/" + name, "210987654321")).isEmpty();
        assertThat("reader").doesNotMatch(pattern);
    }

    @Test
    void shouldTrustOnlyTheCollectorsServiceAccountForIrsa() throws IOException {
        JsonNode s = json("irsa-trust-policy.json").path("Statement");

        assertThat(s).singleElement().satisfies(st -> {
            assertThat(st.path("Action").asText()).isEqualTo("sts:AssumeRoleWithWebIdentity");
            assertThat(st.at("/Principal/Federated").asText()).contains(":oidc-provider/");
            assertThat(st.at("/Condition/StringEquals/OIDC_PROVIDER:sub").asText()).startsWith("system:serviceaccount:");
            assertThat(st.at("/Condition/StringEquals/OIDC_PROVIDER:aud").asText()).isEqualTo("sts.amazonaws.com");
        });
    }
}
