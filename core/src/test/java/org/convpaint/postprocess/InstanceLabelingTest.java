package org.convpaint.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class InstanceLabelingTest {

    @Test
    void instanceLabelsAreNumberedInRasterOrderWithinEachClass() {
        int[] sem = {
            2, 0, 2,
            0, 0, 0,
            2, 0, 0};
        assertArrayEquals(new int[] {1, 0, 2, 0, 0, 0, 3, 0, 0}, InstanceLabeling.label(sem, 1, 3, 3));
    }

    @Test
    void classesAreLabelledInAscendingOrderWithOffsets() {
        int[] sem = {
            3, 3, 0, 1,
            0, 0, 0, 1,
            1, 0, 3, 0};
        // class 1: components {(0,3),(1,3)} then {(2,0)} → 1, 2; class 3: {(0,0),(0,1)} → 3, {(2,2)} → 4
        assertArrayEquals(new int[] {3, 3, 0, 1, 0, 0, 0, 1, 2, 0, 4, 0}, InstanceLabeling.label(sem, 1, 3, 4));
    }

    @Test
    void diagonalNeighboursAreConnectedIn2d() {
        int[] sem = {1, 0, 0, 1};
        assertArrayEquals(new int[] {1, 0, 0, 1}, InstanceLabeling.label(sem, 1, 2, 2));
    }

    @Test
    void volumesAre26Connected() {
        // two planes of 2x2: (z0,y0,x0) and (z1,y1,x1) touch only by a corner
        int[] sem = {5, 0, 0, 0, 0, 0, 0, 5};
        assertArrayEquals(new int[] {1, 0, 0, 0, 0, 0, 0, 1}, InstanceLabeling.label(sem, 2, 2, 2));
    }

    @Test
    void componentsWithALargeFrontierMatchAUnionFindLabelling() {
        // a solid 64³ block: the breadth-first frontier from its corner grows to ~3·64² pixels
        int d = 64;
        int[] sem = new int[d * d * d];
        java.util.Arrays.fill(sem, 1);
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            sem[rnd.nextInt(sem.length)] = 2 + rnd.nextInt(2);
        }
        assertArrayEquals(UnionFindLabels.of(sem, d, d, d), InstanceLabeling.label(sem, d, d, d));
    }

    @Test
    void randomPatternsMatchAUnionFindLabelling() {
        java.util.Random rnd = new java.util.Random(3);
        int h = 97;
        int w = 131;
        int[] sem = new int[h * w];
        for (int i = 0; i < sem.length; i++) {
            sem[i] = rnd.nextInt(10) < 6 ? 0 : 1 + rnd.nextInt(3);
        }
        assertArrayEquals(UnionFindLabels.of(sem, 1, h, w), InstanceLabeling.label(sem, 1, h, w));
    }

    @Test
    void backgroundRemovalZeroesOnlyThatClass() {
        int[] labels = {1, 2, 1, 3};
        BackgroundRemoval.apply(labels, 1);
        assertArrayEquals(new int[] {0, 2, 0, 3}, labels);
        BackgroundRemoval.apply(labels, 0);
        assertArrayEquals(new int[] {0, 2, 0, 3}, labels);
    }
}
