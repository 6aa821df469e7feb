#pragma once
// What ldapdirectory.cpp and ldaplookup.cpp share of libldap: the handle, a connection, and the words for an error.

#include "base/connectwatch.h"
#include "security/ldapdirectory.h"

#include <ldap.h>

#include <QString>

namespace cityops {

/// The handle, unbound whatever happens.
struct LdapHandle {
    LDAP *ld = nullptr;
    ~LdapHandle()
    {
        if (ld)
            ldap_unbind_ext_s(ld, nullptr, nullptr);
    }
};

/// libldap's words for `rc`, with the server's diagnostic where it gave one.
QString ldapError(LDAP *ld, int rc);

struct LdapDirectory::Connection {
    // Before the handle: libldap calls the callbacks, which point here, until the handle is freed.
    WatchedSocket socket;   ///< the connection's socket, once it stands (for ConnectWatch)
    ldap_conncb callbacks{};
    LdapHandle handle;
    LDAP *ld() const { return handle.ld; }

    /// LDAP_OPT_CONNECT_CB: the socket, once the TCP connection stands (before TLS).
    static int connected(LDAP * /*ld*/, Sockbuf *sb, LDAPURLDesc * /*srv*/, sockaddr * /*addr*/, ldap_conncb *ctx)
    {
        ber_socket_t fd = -1;
        if (ber_sockbuf_ctrl(sb, LBER_SB_OPT_GET_FD, &fd) == 1)
            static_cast<Connection *>(ctx->lc_arg)->socket.set(fd);
        return 0;
    }
    /// LDAP_OPT_CONNECT_CB: called before libldap closes the socket (also when TLS fails on a new connection).
    static void closing(LDAP * /*ld*/, Sockbuf * /*sb*/, ldap_conncb *ctx) { static_cast<Connection *>(ctx->lc_arg)->socket.forget(); }
};

} // namespace cityops
