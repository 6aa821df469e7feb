// ConnectWatch bounds the making of a connection by a library that does not (libldap's TLS handshake): at the time-out
// it shuts the socket down, which ends a read that would otherwise wait for ever. These cases use a socket pair whose
// other end never speaks, as a hung server would not.
#include "base/connectwatch.h"

#include <QtTest>

#include <sys/socket.h>
#include <unistd.h>

#include <array>

using namespace cityops;

namespace {

/// Two connected sockets, closed at the end.
struct SocketPair {
    std::array<int, 2> fd{-1, -1};
    SocketPair() { QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM, 0, fd.data()) == 0); }
    ~SocketPair()
    {
        for (const int f : fd)
            if (f >= 0)
                ::close(f);
    }
    SocketPair(const SocketPair &) = delete;
    SocketPair &operator=(const SocketPair &) = delete;
};

/// Whether a byte sent at one end is read at the other (a socket shut down refuses to send: no SIGPIPE here).
bool carries(int from, int to)
{
    const char sent = 'x';
    char got = 0;
    return ::send(from, &sent, 1, MSG_NOSIGNAL) == 1 && ::read(to, &got, 1) == 1 && got == sent;
}

/// Whether the connection still carries both ways.
bool standing(const SocketPair &pair) { return carries(pair.fd[0], pair.fd[1]) && carries(pair.fd[1], pair.fd[0]); }

} // namespace

class TestConnectWatch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aReadThatWouldWaitForEverEndsAtTheTimeOut()
    {
        SocketPair pair;
        WatchedSocket socket;
        socket.set(pair.fd[0]);
        ConnectWatch watch(socket, std::chrono::milliseconds(50));
        char byte = 0;
        // The other end never writes: without the watch this read would not return.
        QCOMPARE(::read(pair.fd[0], &byte, 1), ssize_t(0));
        QVERIFY(watch.stop());
    }

    void aWatchStoppedInTimeLeavesTheConnectionAlone()
    {
        SocketPair pair;
        WatchedSocket socket;
        socket.set(pair.fd[0]);
        ConnectWatch watch(socket, std::chrono::hours(1));
        QVERIFY(!watch.stop());
        QVERIFY(standing(pair));
    }

    void noSocketYetIsNothingToShutDown()
    {
        WatchedSocket socket;
        ConnectWatch watch(socket, std::chrono::milliseconds(0));
        QVERIFY(!watch.awaitEnd());
    }

    // The library forgets its socket before it closes it; the number may then be reused by another connection of the
    // process at once. A watch that fires after that must leave the new connection alone.
    void aSocketForgottenAndClosedIsNotShutDownUnderItsNextOwner()
    {
        int reusedNumber = -1;
        {
            SocketPair first;
            WatchedSocket socket;
            socket.set(first.fd[0]);
            socket.forget();
            reusedNumber = first.fd[0];
            ::close(first.fd[0]);
            first.fd[0] = -1;

            SocketPair next;
            if (next.fd[0] != reusedNumber) {   // make the reuse certain, whatever number the kernel chose
                QVERIFY(::dup2(next.fd[0], reusedNumber) == reusedNumber);
                ::close(next.fd[0]);
                next.fd[0] = reusedNumber;
            }
            ConnectWatch watch(socket, std::chrono::milliseconds(0));
            QVERIFY(!watch.awaitEnd());
            QVERIFY(standing(next));
        }
    }
};

QTEST_GUILESS_MAIN(TestConnectWatch)
#include "tst_connectwatch.moc"
