package io.floatwatch.collector.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.model.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeListCheckTest {

    private static final Scope A_EU = new Scope("111111111111", "eu-west-1");
    private static final Scope A_US = new Scope("111111111111", "us-east-1");
    private static final Scope B_EU = new Scope("222222222222", "eu-west-1");

    private static ScopeListFingerprint of(Scope... scopes) {
        return ScopeListFingerprint.of(new ScopePartitions(List.of(scopes)));
    }

    private static ScopeListCheck.Member member(String name, ScopeListFingerprint f) {
        return new ScopeListCheck.Member("id-" + name, f.tag("floatwatch-collector-group-" + name), "/10.0.0.1");
    }

    @Test
    void shouldGiveTheSameFingerprintForTheSameScopesInAnyOrder() {
        assertThat(of(B_EU, A_US, A_EU)).isEqualTo(of(A_EU, B_EU, A_US, A_EU));
    }

    @Test
    void shouldTellListsOfTheSameSizeButOtherScopesApart() {
        assertThat(of(A_EU, A_US)).isNotEqualTo(of(A_EU, B_EU));
        assertThat(of(A_EU, A_US).scopes()).isEqualTo(of(A_EU, B_EU).scopes());
    }

    @Test
    void shouldReadTheFingerprintBackFromTheClientIdItTags() {
        ScopeListFingerprint f = of(A_EU, B_EU);
        assertThat(ScopeListFingerprint.fromClientId(f.tag("floatwatch-collector-group-pod-7"))).contains(f);
        assertThat(ScopeListFingerprint.fromClientId("floatwatch-collector-group-pod-7")).isEmpty();
        assertThat(ScopeListFingerprint.fromClientId(null)).isEmpty();
    }

    @Test
    void shouldReportOnlyTheMembersWhoseListDiffers() {
        ScopeListFingerprint own = of(A_EU, B_EU);
        ScopeListCheck check = new ScopeListCheck(own);
        ScopeListCheck.Member same = member("same", of(B_EU, A_EU));
        ScopeListCheck.Member bigger = member("bigger", of(A_EU, A_US, B_EU));
        ScopeListCheck.Member untagged = new ScopeListCheck.Member("id-old", "floatwatch-collector-group-old", "/10.0.0.2");

        List<ScopeListCheck.Mismatch> found = check.mismatches(List.of(same, bigger, untagged));

        assertThat(found).extracting(ScopeListCheck.Mismatch::member).containsExactly(bigger);
        assertThat(check.describe("g", found)).contains("This replica: 2 scopes", "floatwatch-collector-group-bigger", "3 scopes",
                "1 scope(s) more there", "same collector accounts and regions");
        assertThat(check.mismatches(List.of(same, untagged))).isEmpty();
    }

    @Test
    void shouldSayWhenTheSizesAgreeButTheScopesDoNot() {
        ScopeListCheck check = new ScopeListCheck(of(A_EU, A_US));
        List<ScopeListCheck.Mismatch> found = check.mismatches(List.of(member("other", of(A_EU, B_EU))));
        assertThat(found).hasSize(1);
        assertThat(check.describe("g", found)).contains("as many scopes, but not the same ones");
    }
}
