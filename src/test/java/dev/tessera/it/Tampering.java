package dev.tessera.it;

/** Token manipulations used by several integration tests. */
final class Tampering {

    private Tampering() {
    }

    /** Changes one character of the payload: the signature no longer matches. */
    static String tampered(String token) {
        int i = token.indexOf('.') + 5;
        char c = token.charAt(i) == 'A' ? 'B' : 'A';
        return token.substring(0, i) + c + token.substring(i + 1);
    }
}
