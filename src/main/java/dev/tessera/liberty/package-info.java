/**
 * What only Open Liberty needs: hints in the JASPI client subject for Liberty's authentication cache and LTPA
 * single sign-on. The mechanism uses this package only when the servlet container is Liberty; nothing here is an
 * application API.
 */
package dev.tessera.liberty;
