package io.closebench.analysis.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class AlignedTableTest {

    @Test
    void markdownCellsCannotBreakTheTable() {
        String table = new AlignedTable("a", ">b").row("x | y", "line1\nline2").markdown();
        assertThat(table).isEqualTo("| a | b |\n| --- | ---: |\n| x \\| y | line1<br>line2 |\n");
    }

    @Test
    void markdownEscapesBackslashesAndWritesNullAsEmpty() {
        assertThat(new AlignedTable("path", "why").row("C:\\tmp", null).markdown())
                .isEqualTo("| path | why |\n| --- | --- |\n| C:\\\\tmp |  |\n");
    }

    @Test
    void plainTextPadsEachColumnToItsWidestCellTwoSpacesApart() {
        String table = new AlignedTable("case", ">N", "verdict").row("S2", "20", "agrees").row("X10", "5", "differs [1]")
                .plainText();
        assertThat(table).isEqualTo(""
                + "case   N  verdict\n"
                + "----  --  -------\n"
                + "S2    20  agrees\n"
                + "X10    5  differs [1]\n");
    }

    @Test
    void aFreeTextLastColumnNeitherPadsNorWidensTheRule() {
        String table = new AlignedTable("fault", "what it means").row("a", "the kernel gave up after 15 retransmissions")
                .plainText();
        assertThat(table).isEqualTo(""
                + "fault  what it means\n"
                + "-----  -------------\n"
                + "a      the kernel gave up after 15 retransmissions\n");
    }

    @Test
    void aRightAlignedLastColumnIsPaddedLikeAnyOther() {
        assertThat(new AlignedTable("model", ">fds").row("NIO", "1391").plainText()).isEqualTo(""
                + "model   fds\n"
                + "-----  ----\n"
                + "NIO    1391\n");
    }

    @Test
    void groupsAreSeparatedInPlainTextOnlyWhereTheFirstCellChanges() {
        AlignedTable table = new AlignedTable("case", "observer").separateGroups().row("C1", "NIO").row("C1", "BLOCKING")
                .row("C2", "NIO");
        assertThat(table.plainText()).isEqualTo(""
                + "case  observer\n"
                + "----  --------\n"
                + "C1    NIO\n"
                + "C1    BLOCKING\n"
                + "\n"
                + "C2    NIO\n");
        assertThat(table.markdown()).doesNotContain("\n\n");
    }

    @Test
    void aLineBreakInAPlainTextCellBecomesASpace() {
        assertThat(new AlignedTable("a", "b").row("x\ny", "z").plainText()).contains("x y  z\n");
    }

    @Test
    void aRowMustHaveOneCellPerColumn() {
        AlignedTable table = new AlignedTable("a", "b");
        assertThat(table.isEmpty()).isTrue();
        assertThatThrownBy(() -> table.row("only one")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a row of 1 cells for 2 columns");
        assertThatThrownBy(AlignedTable::new).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one column");
    }
}
