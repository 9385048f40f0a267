package org.giggityflix.peer.stream.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Proves that the language codes files and people use for one language match each other, and only those. */
class SubtitleChoiceTest {

    @Test
    void bibliographicTerminologyAndTwoLetterCodesOfOneLanguageMatch() {
        assertTrue(SubtitleChoice.sameLanguage("fre", "fra"));
        assertTrue(SubtitleChoice.sameLanguage("fr", "fre"));
        assertTrue(SubtitleChoice.sameLanguage("FRA", "fr"));
        assertTrue(SubtitleChoice.sameLanguage("ger", "de"));
        assertTrue(SubtitleChoice.sameLanguage("eng", "eng"));
        assertFalse(SubtitleChoice.sameLanguage("eng", "fre"));
        assertFalse(SubtitleChoice.sameLanguage("spa", "swe"));
        assertFalse(SubtitleChoice.sameLanguage("e", "eng"));
    }
}
