#pragma once

#include "base/result.h"

#include <QString>
#include <QStringList>

namespace cityops {

/// Who may do what on the field broker (docs/SECURITY.md, "The broker"): a configuration for mosquitto's dynamic
/// security plugin with one account per console, gateway and wall, each bound to its client id, and three roles —
///   console: publish commands, refresh requests, operations, its own status and hand-overs; read everything;
///   gateway: publish only under its own gw/<name>/ and to consoles' result topics; read only its own devices'
///            commands (cmd/<name>/…) and refresh requests;
///   wall:    publish only its own status and refresh requests; read everything.
/// Anonymous clients are refused. Every account gets a random password in <name>.password (mode 0600).
struct BrokerAccess {
    QStringList consoles, gateways, walls;

    /// Checks the names (console-name rules, each used once, at least one account).
    Status validate() const;
    /// Writes dynsec.json, the password files and admin.password (the plugin's own administrator, for mosquitto_ctrl)
    /// into `dir`, which must not hold a dynsec.json yet. Returns the mosquitto.conf lines that load it.
    Result<QString> writeTo(const QString &dir) const;
};

/// mosquitto's dynsec password encoding: base64 of PBKDF2-HMAC-SHA512(password, salt, iterations), 64 bytes.
QByteArray dynsecPasswordHash(const QByteArray &password, const QByteArray &salt, int iterations);

} // namespace cityops
