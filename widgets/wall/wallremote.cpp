#include "wall/wallremote.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QStandardPaths>
#include <QTimer>

namespace cityops {

QByteArray WallRequest::encode() const
{
    QJsonObject o{{QStringLiteral("v"), 1}, {QStringLiteral("seconds"), seconds}};
    switch (kind) {
    case Kind::Incident:
        o.insert(QStringLiteral("show"), QStringLiteral("incident"));
        o.insert(QStringLiteral("id"), static_cast<double>(incident));
        break;
    case Kind::Device:
        o.insert(QStringLiteral("show"), QStringLiteral("device"));
        o.insert(QStringLiteral("device"), device);
        break;
    case Kind::District:
        o.insert(QStringLiteral("show"), QStringLiteral("district"));
        o.insert(QStringLiteral("district"), district);
        break;
    }
    if (row >= 0 && column >= 0) {
        o.insert(QStringLiteral("row"), row);
        o.insert(QStringLiteral("column"), column);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

Result<WallRequest> WallRequest::decode(const QByteArray &line)
{
    if (line.size() > 4096)
        return makeError(QStringLiteral("the request is too long"));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(QStringLiteral("not a JSON object"));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("v")).toInt() != 1)
        return makeError(QStringLiteral("unknown version"));
    WallRequest r;
    const QString show = o.value(QStringLiteral("show")).toString();
    if (show == QLatin1String("incident")) {
        r.kind = Kind::Incident;
        const double id = o.value(QStringLiteral("id")).toDouble(-1);
        if (id < 1 || id > 4294967295.0 || id != std::floor(id))
            return makeError(QStringLiteral("an incident needs its id"));
        r.incident = static_cast<std::uint32_t>(id);
    } else if (show == QLatin1String("device")) {
        r.kind = Kind::Device;
        r.device = o.value(QStringLiteral("device")).toString();
        if (r.device.isEmpty() || r.device.size() > 200)
            return makeError(QStringLiteral("a device needs its id"));
    } else if (show == QLatin1String("district")) {
        r.kind = Kind::District;
        r.district = o.value(QStringLiteral("district")).toString();
        if (r.district.isEmpty() || r.district.size() > 200)
            return makeError(QStringLiteral("a district needs its name"));
    } else {
        return makeError(QStringLiteral("\"show\" is incident, device or district"));
    }
    r.seconds = o.value(QStringLiteral("seconds")).toInt(60);
    if (r.seconds < 5 || r.seconds > 3600)
        return makeError(QStringLiteral("\"seconds\" from 5 to 3600"));
    if (o.contains(QStringLiteral("row")) || o.contains(QStringLiteral("column"))) {
        r.row = o.value(QStringLiteral("row")).toInt(-1);
        r.column = o.value(QStringLiteral("column")).toInt(-1);
        if (r.row < 0 || r.column < 0)
            return makeError(QStringLiteral("\"row\" and \"column\" name a panel"));
    }
    return r;
}

WallRemote::WallRemote(Apply apply, QObject *parent) : QObject(parent), m_apply(std::move(apply))
{
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server.nextPendingConnection())
            serve(socket);
    });
}

QString WallRemote::defaultName()
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (folder.isEmpty())   // Qt found the runtime folder not the user's own and refused it
        folder = QDir::tempPath();
    return folder + QStringLiteral("/cityops-wall");
}

Status WallRemote::listen(const QString &name)
{
    QLocalServer::removeServer(name);
    if (!m_server.listen(name))
        return makeError(QStringLiteral("cannot listen for desks on %1: %2").arg(name, m_server.errorString()));
    return Ok{};
}

void WallRemote::serve(QLocalSocket *socket)
{
    connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QLocalSocket::readyRead, socket, [this, socket] {
        while (socket->canReadLine()) {
            const QByteArray line = socket->readLine().trimmed();
            auto request = WallRequest::decode(line);
            Result<QString> done = request ? m_apply(request.value()) : Result<QString>(makeError(request.error()));
            const QJsonObject answer = done ? QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("shown"), done.value()}}
                                            : QJsonObject{{QStringLiteral("ok"), false}, {QStringLiteral("error"), done.error()}};
            socket->write(QJsonDocument(answer).toJson(QJsonDocument::Compact) + '\n');
        }
        if (socket->bytesAvailable() > 4096)   // a line that never ends
            socket->disconnectFromServer();
    });
}

void sendToWall(const WallRequest &request, std::function<void(Result<QString>)> done, const QString &name, int timeoutMs, QObject *context)
{
    auto *socket = new QLocalSocket(context);
    auto *timer = new QTimer(socket);
    auto finish = std::make_shared<bool>(false);
    auto reply = [socket, done, finish](Result<QString> r) {
        if (*finish)
            return;
        *finish = true;
        done(std::move(r));
        socket->abort();
        socket->deleteLater();
    };
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, socket, [reply] { reply(makeError(QStringLiteral("the wall did not answer"))); });
    QObject::connect(socket, &QLocalSocket::connected, socket, [socket, request] { socket->write(request.encode()); });
    QObject::connect(socket, &QLocalSocket::errorOccurred, socket, [reply, socket](QLocalSocket::LocalSocketError) {
        reply(makeError(QStringLiteral("no wall is listening on this machine (%1)").arg(socket->errorString())));
    });
    QObject::connect(socket, &QLocalSocket::readyRead, socket, [socket, reply] {
        if (!socket->canReadLine())
            return;
        const QJsonObject o = QJsonDocument::fromJson(socket->readLine()).object();
        if (o.value(QStringLiteral("ok")).toBool())
            reply(o.value(QStringLiteral("shown")).toString());
        else
            reply(makeError(o.value(QStringLiteral("error")).toString(QStringLiteral("the wall refused"))));
    });
    timer->start(timeoutMs);
    socket->connectToServer(name);
}

} // namespace cityops
