<?xml version="1.0" encoding="UTF-8"?>
<!-- The integration-test domain of Payara Server 6 (pom.xml, antrun "create-payara-domain"): Payara's own domain1
     with every port moved into <prefix>180-191 and every listener on loopback, Hazelcast off. Ports of Payara's
     domain1 and where they go (prefix 19 by default, so 19180-19191):
       http-listener-1 8080 -> 180, http-listener-2 (TLS) 8181 -> 181, admin-listener 4848 -> 182,
       IIOP 3700 / 3820 / 3920 -> 183 / 184 / 185, JMX 8686 -> 186, OSGi remote shell 6666 -> 187,
       Hazelcast DAS 4900 -> 189 and members 5900 -> 190 (both unused: the data grid is disabled),
       debugger 9009 -> 191 (only with start-domain debug); the JMS broker (7676, on every interface, even unused) is
       disabled.
     Only the config "server-config" (the DAS this domain runs) is changed; "default-config" is a template for
     instances that are never created here. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:param name="prefix"/>

  <xsl:template match="@*|node()">
    <xsl:copy>
      <xsl:apply-templates select="@*|node()"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template name="loopback-port">
    <xsl:param name="suffix"/>
    <xsl:copy>
      <xsl:copy-of select="@*[name() != 'port' and name() != 'address']"/>
      <xsl:attribute name="address">127.0.0.1</xsl:attribute>
      <xsl:attribute name="port"><xsl:value-of select="concat($prefix, $suffix)"/></xsl:attribute>
      <xsl:apply-templates select="node()"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="config[@name='server-config']//network-listener[@name='http-listener-1']">
    <xsl:call-template name="loopback-port"><xsl:with-param name="suffix">180</xsl:with-param></xsl:call-template>
  </xsl:template>
  <xsl:template match="config[@name='server-config']//network-listener[@name='http-listener-2']">
    <xsl:call-template name="loopback-port"><xsl:with-param name="suffix">181</xsl:with-param></xsl:call-template>
  </xsl:template>
  <xsl:template match="config[@name='server-config']//network-listener[@name='admin-listener']">
    <xsl:call-template name="loopback-port"><xsl:with-param name="suffix">182</xsl:with-param></xsl:call-template>
  </xsl:template>
  <xsl:template match="config[@name='server-config']//iiop-listener[@id='orb-listener-1']">
    <xsl:call-template name="loopback-port"><xsl:with-param name="suffix">183</xsl:with-param></xsl:call-template>
  </xsl:template>
  <xsl:template match="config[@name='server-config']//iiop-listener[@id='SSL']">
    <xsl:call-template name="loopback-port"><xsl:with-param name="suffix">184</xsl:with-param></xsl:call-template>
  </xsl:template>
  <xsl:template match="config[@name='server-config']//iiop-listener[@id='SSL_MUTUALAUTH']">
    <xsl:call-template name="loopback-port"><xsl:with-param name="suffix">185</xsl:with-param></xsl:call-template>
  </xsl:template>
  <xsl:template match="config[@name='server-config']//jmx-connector[@name='system']">
    <xsl:call-template name="loopback-port"><xsl:with-param name="suffix">186</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="config[@name='server-config']/java-config/jvm-options[starts-with(., '-Dosgi.shell.telnet.port=')]">
    <jvm-options>-Dosgi.shell.telnet.port=<xsl:value-of select="concat($prefix, '187')"/></jvm-options>
  </xsl:template>

  <xsl:template match="config[@name='server-config']/java-config/@debug-options">
    <xsl:attribute name="debug-options">
      <xsl:value-of select="concat('-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:', $prefix, '191')"/>
    </xsl:attribute>
  </xsl:template>

  <xsl:template match="/domain/hazelcast-runtime-configuration">
    <xsl:copy>
      <xsl:copy-of select="@*[name() != 'start-port' and name() != 'das-port']"/>
      <xsl:attribute name="das-port"><xsl:value-of select="concat($prefix, '189')"/></xsl:attribute>
      <xsl:attribute name="start-port"><xsl:value-of select="concat($prefix, '190')"/></xsl:attribute>
      <xsl:apply-templates select="node()"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="config[@name='server-config']">
    <xsl:copy>
      <xsl:apply-templates select="@*|node()"/>
      <jms-service type="DISABLED"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="config[@name='server-config']/system-property[@name='JMS_PROVIDER_PORT']/@value">
    <xsl:attribute name="value"><xsl:value-of select="concat($prefix, '188')"/></xsl:attribute>
  </xsl:template>

  <!-- Groups are roles of the same name, as on Liberty: Payara 6's default (true), stated so that the tests do not
       depend on it (Payara leaves the attribute out when it rewrites domain.xml, being the default). -->
  <xsl:template match="config[@name='server-config']/security-service">
    <xsl:copy>
      <xsl:copy-of select="@*[name() != 'activate-default-principal-to-role-mapping']"/>
      <xsl:attribute name="activate-default-principal-to-role-mapping">true</xsl:attribute>
      <xsl:apply-templates select="node()"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="config[@name='server-config']/hazelcast-config-specific-configuration">
    <xsl:copy>
      <xsl:copy-of select="@*[name() != 'enabled']"/>
      <xsl:attribute name="enabled">false</xsl:attribute>
      <xsl:apply-templates select="node()"/>
    </xsl:copy>
  </xsl:template>
</xsl:stylesheet>
