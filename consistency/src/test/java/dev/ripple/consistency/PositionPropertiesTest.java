package dev.ripple.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PositionPropertiesTest {

    @Provide
    Arbitrary<Position> positions() {
        return Positions.narrow(3);
    }

    @Provide
    Arbitrary<Position> anyPositions() {
        return Positions.wide();
    }

    @Property
    void mergeIsCommutative(@ForAll("positions") Position a, @ForAll("positions") Position b) {
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
    }

    @Property
    void mergeIsAssociative(@ForAll("positions") Position a, @ForAll("positions") Position b,
                            @ForAll("positions") Position c) {
        assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
    }

    @Property
    void mergeIsIdempotent(@ForAll("positions") Position a) {
        assertThat(a.merge(a)).isEqualTo(a);
    }

    @Property
    void mergeIsTheLeastUpperBound(@ForAll("positions") Position a, @ForAll("positions") Position b,
                                   @ForAll("positions") Position extra) {
        Position join = a.merge(b);
        Position anyUpperBound = join.merge(extra);
        assertThat(join.dominates(a)).isTrue();
        assertThat(join.dominates(b)).isTrue();
        assertThat(anyUpperBound.dominates(join)).isTrue();
    }

    @Property
    void dominatesIsReflexive(@ForAll("positions") Position a) {
        assertThat(a.dominates(a)).isTrue();
    }

    @Property
    void dominatesIsAntisymmetric(@ForAll("positions") Position a, @ForAll("positions") Position b) {
        if (a.dominates(b) && b.dominates(a)) {
            assertThat(a).isEqualTo(b);
        }
    }

    @Property
    void dominatesIsTransitive(@ForAll("positions") Position a, @ForAll("positions") Position x,
                               @ForAll("positions") Position y, @ForAll("positions") Position unrelated) {
        Position b = a.merge(x);
        Position c = b.merge(y);
        assertThat(c.dominates(a)).isTrue();
        if (unrelated.dominates(b) && b.dominates(a)) {
            assertThat(unrelated.dominates(a)).isTrue();
        }
    }

    @Property
    void dominatesAgreesWithMerge(@ForAll("positions") Position a, @ForAll("positions") Position b) {
        assertThat(a.dominates(b)).isEqualTo(a.merge(b).equals(a));
    }

    @Property
    void missingFromIsEmptyExactlyWhenDominating(@ForAll("positions") Position a, @ForAll("positions") Position b) {
        var missing = a.missingFrom(b);
        assertThat(missing.isEmpty()).isEqualTo(a.dominates(b));
        missing.forEach(s -> {
            assertThat(s.have()).isEqualTo(a.offset(s.partition()));
            assertThat(s.need()).isEqualTo(b.offset(s.partition()));
        });
    }

    @Property
    void binaryFormRoundTrips(@ForAll("anyPositions") Position p) {
        assertThat(Position.fromBytes(p.toBytes())).isEqualTo(p);
    }

    @Property
    void jsonFormRoundTrips(@ForAll("anyPositions") Position p) {
        assertThat(Position.fromJson(p.toJson())).isEqualTo(p);
    }
}
