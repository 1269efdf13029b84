# Build: docker build -t orleans-distill .
# Run:   docker run -p 8080:8080 -v distill-data:/data orleans-distill
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props Orleans.Distill.sln ./
COPY src/ src/
RUN dotnet publish src/Orleans.Distill.Host/Orleans.Distill.Host.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /data && chown -R app:app /data
USER app
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    DOTNET_gcServer=1 \
    Distill__Storage__DataDirectory=/data
VOLUME /data
EXPOSE 8080 11111 30000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "Orleans.Distill.Host.dll", "health", "http://127.0.0.1:8080/health"]
ENTRYPOINT ["dotnet", "Orleans.Distill.Host.dll"]
