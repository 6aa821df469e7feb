#pragma once
// Running the console's programs from a test: their exit code and output, a port nothing listens on, colours
// counted in a screenshot (tst_commandline, tst_importcommand).

#include <QColor>
#include <QHostAddress>
#include <QImage>
#include <QProcess>
#include <QTcpServer>

#include <cstdlib>

namespace cityops::test {

struct Run {
    int exitCode = -1;
    QString out, err;
};

inline Run runProgram(const QString &program, const QStringList &args, int timeoutMs = 60000)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CITYOPS_BIN_DIR "/") + program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

/// A loopback port nothing listens on.
inline int closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();   // closed again when the server goes
}

/// How many pixels (every other row and column) lie within `tolerance` of `colour`.
inline int countNear(const QImage &image, const QColor &colour, int tolerance = 12)
{
    int n = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - colour.red()) + std::abs(c.green() - colour.green()) + std::abs(c.blue() - colour.blue()) <= tolerance)
                ++n;
        }
    return n;
}

} // namespace cityops::test
