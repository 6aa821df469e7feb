#pragma once

#include "base/result.h"

#include <QLocalServer>
#include <QObject>
#include <QPointer>

#include <functional>

class QLocalSocket;

namespace cityops {

/// "Show on wall": what a desk asks the wall on the same machine to show on one of its map tiles for a while
/// (docs/WALL.md). One JSON object per line over a local socket; the wall answers with one line.
struct WallRequest {
    enum class Kind { Incident, Device, District };
    Kind kind = Kind::Incident;
    std::uint32_t incident = 0;
    QString device;            ///< device id, as in the city package
    QString district;          ///< district name
    int seconds = 60;          ///< then the tile returns to its layout (5 to 3600)
    int row = -1, column = -1; ///< the tile's panel; -1: the wall's first map tile

    QByteArray encode() const;
    static Result<WallRequest> decode(const QByteArray &line);
};

/// The wall's end: a local server (user-only access) that reads requests, hands each to `apply`, and answers with
/// what it did or why not. Bad lines are answered with the reason and change nothing.
class WallRemote : public QObject {
    Q_OBJECT
public:
    using Apply = std::function<Result<QString>(const WallRequest &)>;
    /// cityops-wall in the user's runtime folder ($XDG_RUNTIME_DIR, else Qt's /tmp/runtime-USER, both private to
    /// the user): not in /tmp, where another user could put a socket of their own under the name first and answer
    /// the desks in the wall's place.
    static QString defaultName();

    WallRemote(Apply apply, QObject *parent = nullptr);
    /// Listens on `name` (a stale socket file of a crashed wall is removed first).
    Status listen(const QString &name = defaultName());
    QString serverName() const { return m_server.fullServerName(); }

private:
    void serve(QLocalSocket *socket);

    Apply m_apply;
    QLocalServer m_server;
};

/// The desk's end: sends one request without blocking the GUI; `done` gets the wall's answer, or why there is none
/// (no wall listening, no answer within `timeoutMs`).
void sendToWall(const WallRequest &request, std::function<void(Result<QString>)> done,
                const QString &name = WallRemote::defaultName(), int timeoutMs = 2000, QObject *context = nullptr);

} // namespace cityops
