package org.tomsprov.domain;

/** The three levels of the California organization hierarchy. */
public enum OrgType {
    STATE("the state"), LEA("an LEA"), SCHOOL("a school");

    private final String withArticle;

    OrgType(String withArticle) {
        this.withArticle = withArticle;
    }

    /** The level in a sentence: "the state", "an LEA", "a school". */
    public String withArticle() {
        return withArticle;
    }
}
