using System.Net.Sockets;

namespace Orleans.Distill.Benchmarks.Connections;

/// <summary>Sorts a request that got no answer into a socket error, a timeout, or something else.</summary>
public static class RequestFailure
{
    public static Answer Classify(Exception e)
    {
        if (e is TaskCanceledException or OperationCanceledException)
        {
            // The bench never cancels a request itself: only the client's timeout does.
            return new Answer(0, Answer.Timeout, Detail: "no answer within the client's timeout");
        }

        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return new Answer(0, Answer.Socket, Detail: socket.SocketErrorCode.ToString());
            }
        }

        // The connection ended before a whole answer came: the host (or the kernel) closed it under the client.
        if (e is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.ConnectionError } http)
        {
            return new Answer(0, Answer.Socket, Detail: http.HttpRequestError.ToString());
        }

        return new Answer(0, Answer.Other, Detail: $"{e.GetType().Name}: {e.Message}");
    }
}
